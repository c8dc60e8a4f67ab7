-- question: How were attacks on US forces counted over time, report by report?
-- Each row is one report: its date, the event it counts, and the count it gives.
SELECT a.published_date, e.description, e.is_aggregate, c.value_low AS attacks_at_least, c.qualifier, c.text,
       c.article_id
FROM claims c
JOIN events e USING (event_id)
JOIN articles a ON a.article_id = c.article_id
WHERE c.quantity = 'attacks' AND e.target_id = 'united-states'
UNION ALL
SELECT min(a.published_date), e.description, e.is_aggregate, NULL, NULL, 'first report (no count given)',
       arg_min(m.article_id, a.published_date)
FROM events e
JOIN event_mentions m USING (event_id)
JOIN articles a ON a.article_id = m.article_id
WHERE e.event_type = 'assault' AND e.target_id = 'united-states'
  AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.event_id = e.event_id AND c.quantity = 'attacks')
GROUP BY e.event_id, e.description, e.is_aggregate
ORDER BY 1, 2;
