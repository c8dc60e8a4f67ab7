-- check: every span's text is the article body at its offsets
-- rule: substr(articles.body, start + 1, "end" - start) = text
-- why: provenance; a row whose offsets drift from its text cannot be traced to the words that said it
SELECT 'sentences' AS table_name,
       format('article_id={}, sentence_index={}', s.article_id, s.sentence_index) AS row_key,
       format('text "{}" but the body has "{}"', s.text, substr(a.body, s.start + 1, s."end" - s.start)) AS evidence
FROM sentences s JOIN articles a USING (article_id)
WHERE substr(a.body, s.start + 1, s."end" - s.start) IS DISTINCT FROM s.text
UNION ALL
SELECT 'mentions',
       format('article_id={}, start={}, end={}', m.article_id, m.start, m."end"),
       format('text "{}" but the body has "{}"', m.text, substr(a.body, m.start + 1, m."end" - m.start))
FROM mentions m JOIN articles a USING (article_id)
WHERE substr(a.body, m.start + 1, m."end" - m.start) IS DISTINCT FROM m.text
UNION ALL
SELECT 'event_mentions',
       format('event_id={}, article_id={}, start={}, end={}', m.event_id, m.article_id, m.start, m."end"),
       format('text "{}" but the body has "{}"', m.text, substr(a.body, m.start + 1, m."end" - m.start))
FROM event_mentions m JOIN articles a USING (article_id)
WHERE substr(a.body, m.start + 1, m."end" - m.start) IS DISTINCT FROM m.text
UNION ALL
SELECT 'claims',
       format('claim_id={}', c.claim_id),
       format('text "{}" but the body has "{}"', c.text, substr(a.body, c.start + 1, c."end" - c.start))
FROM claims c JOIN articles a USING (article_id)
WHERE substr(a.body, c.start + 1, c."end" - c.start) IS DISTINCT FROM c.text
