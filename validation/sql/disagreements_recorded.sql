-- check: every disagreement between claims is in contradictions
-- rule: two claims about one incident (not a campaign, whose counts cover different spans) and quantity, not marked initial, whose ranges do not meet, counted at the same place, are cited together by a contradictions row (a conflict or a revision when in one article or published the same day, a revision when published on different days); every claim marked initial is cited by a revision
-- why: where the sources disagree the package says so instead of silently picking a number
WITH claim AS (
    SELECT c.*, a.published_date, coalesce(c.value_high, 9223372036854775807) AS high,
           (SELECT list(DISTINCT m.entity_id) FROM mentions m JOIN entities e USING (entity_id)
            WHERE m.article_id = c.article_id AND m.sentence_index = c.sentence_index
              AND e.entity_type IN ('place', 'state') AND m.method <> 'demonym') AS places
    FROM claims c JOIN articles a USING (article_id) JOIN events e USING (event_id)
    WHERE c.event_id IS NOT NULL AND c.quantity IN ('killed', 'injured', 'attacks') AND NOT e.is_aggregate
),
pairs AS (
    SELECT a.event_id, a.quantity, a.claim_id AS a_id, b.claim_id AS b_id, a.text AS a_text, b.text AS b_text
    FROM claim a JOIN claim b
      ON a.event_id = b.event_id AND a.quantity = b.quantity AND a.claim_id < b.claim_id
    WHERE a.status <> 'initial' AND b.status <> 'initial'
      AND (a.value_low > b.high OR b.value_low > a.high)
      AND NOT (coalesce(len(a.places), 0) > 0 AND coalesce(len(b.places), 0) > 0
               AND NOT list_has_any(a.places, b.places))
)
SELECT 'contradictions' AS table_name, format('event_id={}, claims {} and {}', p.event_id, p.a_id, p.b_id) AS row_key,
       format('"{}" and "{}" cannot both hold, and no contradictions row cites them', p.a_text, p.b_text) AS evidence
FROM pairs p
WHERE NOT EXISTS (SELECT 1 FROM contradictions x
                  WHERE x.event_id = p.event_id AND x.field = p.quantity
                    AND ((x.claim_a_id, x.claim_b_id) = (p.a_id, p.b_id) OR (x.claim_a_id, x.claim_b_id) = (p.b_id, p.a_id)))
UNION ALL
SELECT 'contradictions', format('event_id={}, claim {}', c.event_id, c.claim_id),
       format('"{}" is marked initial but no revision cites it', c.text)
FROM claim c
WHERE c.status = 'initial'
  AND EXISTS (SELECT 1 FROM claim o WHERE o.event_id = c.event_id AND o.quantity = c.quantity AND o.status <> 'initial')
  AND NOT EXISTS (SELECT 1 FROM contradictions x WHERE x.kind = 'revision' AND x.claim_a_id = c.claim_id)
