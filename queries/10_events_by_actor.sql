-- question: Who did what? Events by actor and type, with how many articles reported them.
SELECT coalesce(actor_name, '(not named)') AS actor, event_type, count(*) AS events, sum(n_articles) AS reports,
       sum(coalesce(fatalities_best, 0)) AS fatalities_best
FROM events_detailed
GROUP BY ALL
ORDER BY events DESC, actor, event_type;
