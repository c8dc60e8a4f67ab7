-- check: reconciled casualty figures follow the recorded resolution
-- rule: *_best is the figure of the latest claim not marked initial nor vague (latest article, then latest in its text), empty when every such claim is vague ("hundreds"); *_low and *_high are the lowest lower bound and highest upper bound among those claims, *_high empty if one has none
-- why: the README promises this rule; a figure that does not follow it cannot be traced to a claim
WITH credible AS (
    SELECT c.*, a.published_date,
           CASE WHEN c.qualifier = 'about' AND c.value_high IS NOT NULL THEN (c.value_low + c.value_high + 1) // 2
                WHEN c.qualifier = 'up_to' AND c.value_high IS NOT NULL THEN c.value_high
                ELSE c.value_low END AS point
    FROM claims c JOIN articles a USING (article_id)
    WHERE c.event_id IS NOT NULL AND c.status <> 'initial' AND c.quantity IN ('killed', 'injured')
),
expected AS (
    SELECT event_id, quantity,
           min(value_low) AS low,
           arg_max(point, (published_date, article_id, start)) FILTER (WHERE qualifier <> 'vague') AS best,
           CASE WHEN bool_or(value_high IS NULL) THEN NULL ELSE max(value_high) END AS high
    FROM credible GROUP BY event_id, quantity
),
published AS (
    SELECT event_id, 'killed' AS quantity, fatalities_low AS low, fatalities_best AS best, fatalities_high AS high
    FROM events
    UNION ALL
    SELECT event_id, 'injured', injured_low, injured_best, injured_high FROM events
)
SELECT 'events' AS table_name, format('event_id={}', p.event_id) AS row_key,
       format('{}: low/best/high {}/{}/{} but the claims give {}/{}/{}', p.quantity,
              coalesce(p.low::VARCHAR, '-'), coalesce(p.best::VARCHAR, '-'), coalesce(p.high::VARCHAR, '-'),
              coalesce(x.low::VARCHAR, '-'), coalesce(x.best::VARCHAR, '-'), coalesce(x.high::VARCHAR, '-')) AS evidence
FROM published p
LEFT JOIN expected x USING (event_id, quantity)
WHERE (p.low, p.best, p.high) IS DISTINCT FROM (x.low, x.best, x.high)
