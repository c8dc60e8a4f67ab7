-- Convenience views, created with the tables by newsevents.duck (and in the released DuckDB file).

-- Events with the names of their actor, target and place, the words that first report them and the source
-- of that first report (its article, and the URL, outlet, headline and author where the corpus gives them).
CREATE OR REPLACE VIEW events_detailed AS
WITH first_report AS (
    SELECT m.event_id, m.text, a.article_id, a.url, a.outlet, a.headline, a.author,
           row_number() OVER (PARTITION BY m.event_id ORDER BY a.published_date, m.article_id, m.start) AS n
    FROM event_mentions m JOIN articles a USING (article_id)
)
SELECT e.event_id, e.event_type, e.event_mode, e.acled_sub_event_type, e.is_aggregate,
       e.date_start, e.date_end, e.date_precision,
       e.actor_id, actor.name AS actor_name, e.target_id, target.name AS target_name,
       e.location_id, place.name AS location_name, e.country_code, place.latitude, place.longitude,
       e.fatalities_low, e.fatalities_best, e.fatalities_high, e.injured_low, e.injured_best, e.injured_high,
       e.n_articles, e.first_reported, e.last_reported, e.description,
       f.text AS first_evidence, f.article_id AS first_article_id, f.url AS first_url, f.outlet AS first_outlet,
       f.headline AS first_headline, f.author AS first_author
FROM events e
LEFT JOIN first_report f ON f.event_id = e.event_id AND f.n = 1
LEFT JOIN entities actor ON actor.entity_id = e.actor_id
LEFT JOIN entities target ON target.entity_id = e.target_id
LEFT JOIN entities place ON place.entity_id = e.location_id;

-- Contradictions with both statements quoted and dated, and the event they are about.
CREATE OR REPLACE VIEW contradictions_quoted AS
SELECT x.contradiction_id, x.kind, x.field, x.event_id, e.description AS event,
       x.article_a, a.published_date AS published_a, x.value_a, x.text_a AS quote_a,
       x.article_b, b.published_date AS published_b, x.value_b, x.text_b AS quote_b,
       x.resolution, x.rule
FROM contradictions x
JOIN events e USING (event_id)
JOIN articles a ON a.article_id = x.article_a
JOIN articles b ON b.article_id = x.article_b;

-- Claims with their event, article date and source.
CREATE OR REPLACE VIEW claims_detailed AS
SELECT c.claim_id, c.quantity, c.value_low, c.value_high, c.qualifier, c.status, c.text,
       c.attributed_to, c.article_id, a.published_date, c.event_id, e.description AS event
FROM claims c
JOIN articles a USING (article_id)
LEFT JOIN events e USING (event_id);
