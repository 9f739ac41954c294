"""The keys the audit app keeps in a user's session: sign-in and last-seen stamps, the two-factor need."""

SIGNED_IN_AT = "_ct_signed_in_at"
SEEN_AT = "_ct_seen_at"
TWO_FACTOR_NEEDED = "_ct_2fa_needed"
RECOVERY_CODES_TO_SHOW = "_ct_recovery_codes"  # new codes, until the page that shows them once
