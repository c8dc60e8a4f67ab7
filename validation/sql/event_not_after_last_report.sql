-- check: no event ends after the last article that reports it, unless the text says it is expected
-- rule: events.date_end <= events.last_reported, or events.is_expected
-- why: an article cannot report what has not happened yet, except what it says is planned
SELECT 'events' AS table_name, format('event_id={}', e.event_id) AS row_key,
       format('date_end {} is after the last report {} and the event is not marked expected',
              e.date_end, max(a.published_date)) AS evidence
FROM events e
JOIN event_mentions m USING (event_id)
JOIN articles a ON a.article_id = m.article_id
GROUP BY e.event_id, e.date_end, e.is_expected
HAVING e.date_end > max(a.published_date) AND NOT e.is_expected
