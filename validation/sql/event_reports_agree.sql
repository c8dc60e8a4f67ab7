-- check: an event's counts and report dates are those of its evidence
-- rule: events.n_articles, n_mentions, first_reported and last_reported match event_mentions and articles
SELECT 'events' AS table_name, format('event_id={}', e.event_id) AS row_key,
       format('says {} articles, {} mentions, reported {} to {}; the evidence has {}, {}, {} to {}',
              e.n_articles, e.n_mentions, e.first_reported, e.last_reported,
              r.articles, r.mentions, r.first_reported, r.last_reported) AS evidence
FROM events e
JOIN (SELECT m.event_id, count(DISTINCT m.article_id) AS articles, count(*) AS mentions,
             min(a.published_date) AS first_reported, max(a.published_date) AS last_reported
      FROM event_mentions m JOIN articles a USING (article_id) GROUP BY m.event_id) r USING (event_id)
WHERE (e.n_articles, e.n_mentions, e.first_reported, e.last_reported)
      IS DISTINCT FROM (r.articles, r.mentions, r.first_reported, r.last_reported)
