/** The FQL fields of quarantined files, as filters and descriptions name them. */
export const QUARANTINE_FQL_FIELDS = 'sha256, state, hostname, username, date_created, date_updated, paths.path, paths.filename, paths.state, aid';
