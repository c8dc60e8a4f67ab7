-- check: every disagreement between claims is in contradictions
-- rule: a claim about one incident (not a campaign, whose counts cover different spans) that cannot stand with an earlier claim of the same event and quantity (taken in reporting order: publication date, article, position; neither marked initial; counted at the same place (sharing a place or a country); an article's repeated figure counted once) is cited by a contradictions row; every claim marked initial is cited by a revision
-- why: where the sources disagree the package says so instead of silently picking a number
WITH claim AS (
    SELECT c.*, a.published_date, coalesce(c.value_high, 9223372036854775807) AS high,
           (SELECT list(DISTINCT x) FROM (
                SELECT m.entity_id AS x FROM mentions m JOIN entities e USING (entity_id)
                WHERE m.article_id = c.article_id AND m.sentence_index = c.sentence_index
                  AND e.entity_type IN ('place', 'state') AND m.method <> 'demonym'
                UNION ALL
                SELECT 'cc:' || e.country_code FROM mentions m JOIN entities e USING (entity_id)
                WHERE m.article_id = c.article_id AND m.sentence_index = c.sentence_index
                  AND e.entity_type IN ('place', 'state') AND m.method <> 'demonym' AND e.country_code IS NOT NULL
            )) AS places
    FROM claims c JOIN articles a USING (article_id) JOIN events e USING (event_id)
    WHERE c.event_id IS NOT NULL AND c.quantity IN ('killed', 'injured', 'attacks') AND NOT e.is_aggregate
),
told AS (  -- the first claim of each figure in an article, not marked initial
    SELECT * FROM claim c
    WHERE c.status <> 'initial'
      AND NOT EXISTS (SELECT 1 FROM claim d
                      WHERE d.status <> 'initial' AND d.article_id = c.article_id AND d.event_id = c.event_id
                        AND d.quantity = c.quantity AND d.value_low = c.value_low AND d.high = c.high
                        AND d.start < c.start)
),
disagreeing AS (
    SELECT b.* FROM told b
    WHERE EXISTS (SELECT 1 FROM told a
                  WHERE a.event_id = b.event_id AND a.quantity = b.quantity
                    AND (a.published_date, a.article_id, a.start) < (b.published_date, b.article_id, b.start)
                    AND (a.value_low > b.high OR b.value_low > a.high)
                    AND NOT (coalesce(len(a.places), 0) > 0 AND coalesce(len(b.places), 0) > 0
                             AND NOT list_has_any(a.places, b.places)))
)
SELECT 'contradictions' AS table_name, format('event_id={}, claim {}', b.event_id, b.claim_id) AS row_key,
       format('"{}" cannot stand with an earlier figure of its event, and no contradictions row cites it', b.text)
         AS evidence
FROM disagreeing b
WHERE NOT EXISTS (SELECT 1 FROM contradictions x
                  WHERE x.event_id = b.event_id AND x.field = b.quantity
                    AND b.claim_id IN (x.claim_a_id, x.claim_b_id))
UNION ALL
SELECT 'contradictions', format('event_id={}, claim {}', c.event_id, c.claim_id),
       format('"{}" is marked initial but no revision cites it', c.text)
FROM claim c
WHERE c.status = 'initial'
  AND EXISTS (SELECT 1 FROM claim o WHERE o.event_id = c.event_id AND o.quantity = c.quantity AND o.status <> 'initial')
  AND NOT EXISTS (SELECT 1 FROM contradictions x WHERE x.kind = 'revision' AND x.claim_a_id = c.claim_id)
