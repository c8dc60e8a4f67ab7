-- check: every event has evidence in at least one article
-- rule: each events row has at least one event_mentions row
-- why: provenance; an event no words report cannot be checked by anyone
SELECT 'events' AS table_name, format('event_id={}', e.event_id) AS row_key,
       'no event_mentions row for this event' AS evidence
FROM events e
WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id)
