"""Spanish for the messages about disks and damaged files (store, fault handling)."""

MESSAGES = {
    "Could not create {path}: {why}.": "No se pudo crear {path}: {why}.",
}
