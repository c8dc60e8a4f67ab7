-- check: the counts the build derives match the rows they count
-- rule: articles.n_sentences is its sentences; entities.n_mentions and n_articles are its mentions
SELECT 'articles' AS table_name, format('article_id={}', a.article_id) AS row_key,
       format('n_sentences {} but {} sentences rows', a.n_sentences, count(s.sentence_index)) AS evidence
FROM articles a LEFT JOIN sentences s USING (article_id)
GROUP BY a.article_id, a.n_sentences HAVING a.n_sentences <> count(s.sentence_index)
UNION ALL
SELECT 'entities', format('entity_id={}', e.entity_id),
       format('n_mentions {} and n_articles {} but {} mentions in {} articles', e.n_mentions, e.n_articles,
              count(m.start), count(DISTINCT m.article_id))
FROM entities e LEFT JOIN mentions m USING (entity_id)
GROUP BY e.entity_id, e.n_mentions, e.n_articles
HAVING e.n_mentions <> count(m.start) OR e.n_articles <> count(DISTINCT m.article_id)
