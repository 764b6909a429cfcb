"""Spanish for the messages about disks and damaged files (store, fault handling)."""

MESSAGES = {
    "Could not create {path}: {why}.": "No se pudo crear {path}: {why}.",
    "the disk stopped answering (was it removed?)": "el disco dejó de responder (¿se retiró?)",
    "Could not write {path}: {why}.": "No se pudo escribir {path}: {why}.",
}
