-- Clustering (Microsoft.Orleans.Clustering.AdoNet). One version row per cluster; every membership change
-- must name the version it read and bumps it, so concurrent writers conflict instead of overwriting.
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId varchar(150) PRIMARY KEY,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer NOT NULL DEFAULT 0
);

CREATE TABLE OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45) NOT NULL,
    Port         integer NOT NULL,
    Generation   integer NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer NOT NULL,
    ProxyPort    integer NOT NULL DEFAULT 0,
    SuspectTimes text NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Returns 1 when this call created the cluster's version row, else 0.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId::varchar)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*)::int FROM created;
$q$),

-- The version bump comes first and only happens when the version matches and the row is new; the insert
-- then only happens when the bump did. Concurrent callers serialize on the version row.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = @DeploymentId::varchar
      AND v.Version = @Version::int
      AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable m
                      WHERE m.DeploymentId = @DeploymentId::varchar AND m.Address = @Address::varchar
                        AND m.Port = @Port::int AND m.Generation = @Generation::int)
    RETURNING v.DeploymentId),
added AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address::varchar, @Port::int, @Generation::int, @SiloName::varchar, @HostName::varchar,
           @Status::int, coalesce(@ProxyPort::int, 0), @StartTime::timestamptz, @IAmAliveTime::timestamptz
    FROM bumped
    RETURNING 1)
SELECT count(*)::int FROM added;
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable v
    SET Version = v.Version + 1, Timestamp = now()
    WHERE v.DeploymentId = @DeploymentId::varchar
      AND v.Version = @Version::int
      AND EXISTS (SELECT 1 FROM OrleansMembershipTable m
                  WHERE m.DeploymentId = @DeploymentId::varchar AND m.Address = @Address::varchar
                    AND m.Port = @Port::int AND m.Generation = @Generation::int)
    RETURNING v.DeploymentId),
changed AS (
    UPDATE OrleansMembershipTable m
    SET Status = @Status::int, SuspectTimes = @SuspectTimes::text, IAmAliveTime = @IAmAliveTime::timestamptz
    FROM bumped
    WHERE m.DeploymentId = bumped.DeploymentId AND m.Address = @Address::varchar
      AND m.Port = @Port::int AND m.Generation = @Generation::int
    RETURNING 1)
SELECT count(*)::int FROM changed;
$q$),

-- Heartbeat: not versioned, never checked.
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime::timestamptz
WHERE DeploymentId = @DeploymentId::varchar AND Address = @Address::varchar
  AND Port = @Port::int AND Generation = @Generation::int;
$q$),

-- Both reads return the version row even without members (then StartTime is null).
('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
       ON m.DeploymentId = v.DeploymentId AND m.Address = @Address::varchar
      AND m.Port = @Port::int AND m.Generation = @Generation::int
WHERE v.DeploymentId = @DeploymentId::varchar;
$q$),

('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId::varchar;
$q$),

('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId::varchar AND Status = @Status::int AND ProxyPort > 0;
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId::varchar;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId::varchar;
$q$),

-- Rows of silos not Active (status 3) whose last heartbeat is older than @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId::varchar AND IAmAliveTime < @IAmAliveTime::timestamptz AND Status <> 3;
$q$);
