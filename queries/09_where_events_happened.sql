-- question: Where did the events happen? Places with their coordinates, ready for a map.
-- Only single incidents with a known place; a place without coordinates keeps its row with empty ones.
-- fatalities_best adds up the tolls that are known (events_with_toll of the events): empty, not 0, when
-- no report gives one.
SELECT location_name AS place, country_code, latitude, longitude, count(*) AS events,
       string_agg(DISTINCT event_type, ', ' ORDER BY event_type) AS event_types,
       sum(fatalities_best) AS fatalities_best, count(fatalities_best) AS events_with_toll,
       min(date_start) AS first_date, max(date_end) AS last_date
FROM events_detailed
WHERE location_id IS NOT NULL AND NOT is_aggregate
GROUP BY ALL
ORDER BY events DESC, fatalities_best DESC NULLS LAST, place;
