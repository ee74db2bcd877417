-- SessionGen's schema for Microsoft Orleans 10.4.2's ADO.NET providers on PostgreSQL (clustering,
-- grain persistence, reminders). Written for this repository against the providers' query contract:
-- each provider reads its statements from OrleansQuery by QueryKey at startup and binds @-parameters
-- by name. Applied by scripts/postgres/start.sh in file-name order; see scripts/postgres/README.md.
CREATE TABLE OrleansQuery
(
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text NOT NULL
);
