-- Reminders (Microsoft.Orleans.Reminders.AdoNet). Version is the reminder's ETag. GrainHash holds the grain's
-- uniform hash as a signed int, the way the provider sends it and compares ranges.
CREATE TABLE OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      varchar(150) NOT NULL,
    ReminderName varchar(150) NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint NOT NULL,
    GrainHash    integer NOT NULL,
    Version      integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);
CREATE INDEX IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId::varchar, @GrainId::varchar, @ReminderName::varchar, @StartTime::timestamptz,
        @Period::bigint, @GrainHash::int, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash, Version = r.Version + 1
RETURNING r.Version;
$q$),

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId::varchar AND GrainId = @GrainId::varchar;
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId::varchar AND GrainId = @GrainId::varchar AND ReminderName = @ReminderName::varchar;
$q$),

-- The provider picks Rows1 for a range that does not wrap (begin < end) and Rows2 for one that does.
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId::varchar AND GrainHash > @BeginHash::int AND GrainHash <= @EndHash::int;
$q$),

('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId::varchar AND (GrainHash > @BeginHash::int OR GrainHash <= @EndHash::int);
$q$),

-- One boolean column: whether the row with that version was deleted.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId::varchar AND GrainId = @GrainId::varchar
      AND ReminderName = @ReminderName::varchar AND Version = @Version::int
    RETURNING 1)
SELECT count(*) > 0 FROM deleted;
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId::varchar;
$q$);
