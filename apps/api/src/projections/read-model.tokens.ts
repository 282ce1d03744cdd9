/** Injection token for the read-model SQLite database. */
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
