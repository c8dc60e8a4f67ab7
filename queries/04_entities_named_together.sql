-- question: Which actors and places are most often named in the same sentence?
-- Named means by name or acronym: demonyms (`Iranian`) and descriptions (`Iran-backed militia`) are left out.
WITH named AS (
    SELECT DISTINCT m.article_id, m.sentence_index, m.entity_id, e.name
    FROM mentions m JOIN entities e USING (entity_id)
    WHERE m.method NOT IN ('demonym', 'description')
)
SELECT a.name AS entity_a, b.name AS entity_b, count(*) AS sentences,
       count(DISTINCT a.article_id) AS articles
FROM named a
JOIN named b ON a.article_id = b.article_id AND a.sentence_index = b.sentence_index AND a.name < b.name
GROUP BY ALL
HAVING count(*) >= 2
ORDER BY sentences DESC, entity_a, entity_b
LIMIT 15;
