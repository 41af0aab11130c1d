"""Permission names of the documents app (granted to roles in xaso.accounts.roles)."""

VIEW = "documents.view"
SIGN = "documents.sign"
REGISTER = "documents.register"
MANAGE_CREDENTIALS = "documents.manage_credentials"
ENROL_SEAL = "documents.enrol_seal"
