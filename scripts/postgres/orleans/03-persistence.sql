-- Grain persistence (Microsoft.Orleans.Persistence.AdoNet). One row per grain state; Version is the ETag:
-- a write or clear names the version it read (null for a state never stored) and gets the next one back.
-- A version conflict yields no row (write) or a null (clear), which the provider reports as
-- InconsistentStateException.
CREATE TABLE OrleansStorage
(
    GrainIdHash            integer NOT NULL,
    GrainIdN0              bigint NOT NULL,
    GrainIdN1              bigint NOT NULL,
    GrainTypeHash          integer NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    Version                integer NOT NULL
);
CREATE UNIQUE INDEX IX_OrleansStorage_Grain ON OrleansStorage
    (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, coalesce(GrainIdExtensionString, ''), ServiceId);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash::int AND GrainTypeHash = @GrainTypeHash::int
  AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
  AND GrainTypeString = @GrainTypeString::varchar
  AND coalesce(GrainIdExtensionString, '') = coalesce(@GrainIdExtensionString::varchar, '')
  AND ServiceId = @ServiceId::varchar;
$q$),

-- With no version: insert version 1 (a row already there is a conflict). With a version: update that version.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary::bytea, Version = Version + 1, ModifiedOn = now()
    WHERE @GrainStateVersion::int IS NOT NULL AND Version = @GrainStateVersion::int
      AND GrainIdHash = @GrainIdHash::int AND GrainTypeHash = @GrainTypeHash::int
      AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
      AND GrainTypeString = @GrainTypeString::varchar
      AND coalesce(GrainIdExtensionString, '') = coalesce(@GrainIdExtensionString::varchar, '')
      AND ServiceId = @ServiceId::varchar
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
    SELECT @GrainIdHash::int, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::int, @GrainTypeString::varchar,
           @GrainIdExtensionString::varchar, @ServiceId::varchar, @PayloadBinary::bytea, 1
    WHERE @GrainStateVersion::int IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version)
SELECT Version AS NewGrainStateVersion FROM updated
UNION ALL
SELECT Version FROM inserted;
$q$),

-- Clear keeps the row with a null payload and the next version. With no version and no row: a row is made.
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, Version = Version + 1, ModifiedOn = now()
    WHERE @GrainStateVersion::int IS NOT NULL AND Version = @GrainStateVersion::int
      AND GrainIdHash = @GrainIdHash::int AND GrainTypeHash = @GrainTypeHash::int
      AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
      AND GrainTypeString = @GrainTypeString::varchar
      AND coalesce(GrainIdExtensionString, '') = coalesce(@GrainIdExtensionString::varchar, '')
      AND ServiceId = @ServiceId::varchar
    RETURNING Version),
inserted AS (
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
    SELECT @GrainIdHash::int, @GrainIdN0::bigint, @GrainIdN1::bigint, @GrainTypeHash::int, @GrainTypeString::varchar,
           @GrainIdExtensionString::varchar, @ServiceId::varchar, NULL, 1
    WHERE @GrainStateVersion::int IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version)
SELECT coalesce((SELECT Version FROM cleared), (SELECT Version FROM inserted)) AS Version;
$q$),

-- DeleteStateOnClear = true: the row goes; the provider expects the deleted version + 1 back.
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM OrleansStorage
    WHERE @GrainStateVersion::int IS NOT NULL AND Version = @GrainStateVersion::int
      AND GrainIdHash = @GrainIdHash::int AND GrainTypeHash = @GrainTypeHash::int
      AND GrainIdN0 = @GrainIdN0::bigint AND GrainIdN1 = @GrainIdN1::bigint
      AND GrainTypeString = @GrainTypeString::varchar
      AND coalesce(GrainIdExtensionString, '') = coalesce(@GrainIdExtensionString::varchar, '')
      AND ServiceId = @ServiceId::varchar
    RETURNING Version)
SELECT Version + 1 AS Version FROM deleted;
$q$);
