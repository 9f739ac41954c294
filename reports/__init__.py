"""Reports and open formats: the coalition report (page and PDF), HSDS directory export, calendar feeds."""
