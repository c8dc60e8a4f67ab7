-- question: Which were the deadliest events, with every reported toll and the article that gave it?
SELECT e.description, e.date_start, e.fatalities_best AS best, e.fatalities_low AS low, e.fatalities_high AS high,
       c.value_low AS reported_low, c.value_high AS reported_high, c.status, c.article_id, a.published_date,
       c.text AS words
FROM events e
JOIN claims c ON c.event_id = e.event_id AND c.quantity = 'killed'
JOIN articles a ON a.article_id = c.article_id
WHERE e.fatalities_best IS NOT NULL
ORDER BY e.fatalities_best DESC, e.event_id, a.published_date, c.start;
