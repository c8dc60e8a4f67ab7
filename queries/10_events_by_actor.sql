-- question: Who did what? Events by actor and type, with how many articles reported them.
-- fatalities_best adds up the tolls that are known (events_with_toll of the events): empty, not 0, when
-- no report gives one.
SELECT coalesce(actor_name, '(not named)') AS actor, event_type, count(*) AS events, sum(n_articles) AS reports,
       sum(fatalities_best) AS fatalities_best, count(fatalities_best) AS events_with_toll
FROM events_detailed
GROUP BY ALL
ORDER BY events DESC, actor, event_type;
