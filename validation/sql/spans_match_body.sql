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
