-- check: every claim's event exists, and every claim cites an article's sentence
-- rule: claims.event_id is empty or an events.event_id; (article_id, sentence_index) is a sentence
SELECT 'claims' AS table_name, format('claim_id={}', c.claim_id) AS row_key,
       format('event_id {} is not in events', c.event_id) AS evidence
FROM claims c
WHERE c.event_id IS NOT NULL AND c.event_id NOT IN (SELECT event_id FROM events)
UNION ALL
SELECT 'claims', format('claim_id={}', c.claim_id),
       format('sentence {} of {} does not exist', c.sentence_index, c.article_id)
FROM claims c
WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.article_id = c.article_id AND s.sentence_index = c.sentence_index)
