-- check: every mention starts inside the sentence it names
-- rule: sentences.start <= mentions.start < sentences.end
SELECT 'mentions' AS table_name,
       format('article_id={}, start={}, end={}', m.article_id, m.start, m."end") AS row_key,
       format('sentence {} spans [{}, {})', m.sentence_index, s.start, s."end") AS evidence
FROM mentions m JOIN sentences s USING (article_id, sentence_index)
WHERE NOT (s.start <= m.start AND m.start < s."end")
