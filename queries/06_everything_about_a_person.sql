-- question: Everything the articles say about one person (here the commander killed in Baghdad in January 2024).
-- Change the id in the first line to ask about someone else.
WITH person AS (SELECT 'mushtaq-jawad-kazim-al-jawari' AS entity_id)
SELECT m.article_id, a.published_date, m.sentence_index, m.text AS named_as, m.method, s.text AS sentence
FROM mentions m
JOIN person USING (entity_id)
JOIN articles a USING (article_id)
JOIN sentences s USING (article_id, sentence_index)
ORDER BY a.published_date, m.article_id, m.start;
