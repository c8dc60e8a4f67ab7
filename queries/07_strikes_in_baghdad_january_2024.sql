-- question: Which strikes hit Baghdad in January 2024, who carried them out, how many died, and which article says so?
-- An event counts when its window meets January 2024; each article is quoted by its fullest evidence.
SELECT d.description, d.date_start, d.date_end, d.actor_name, d.target_name, d.fatalities_best,
       m.article_id, arg_max(m.text, length(m.text)) AS evidence
FROM events_detailed d
JOIN event_mentions m USING (event_id)
WHERE d.event_type = 'assault' AND d.location_id = 'baghdad'
  AND d.date_start <= DATE '2024-01-31' AND d.date_end >= DATE '2024-01-01'
GROUP BY ALL
ORDER BY d.date_start, m.article_id;
