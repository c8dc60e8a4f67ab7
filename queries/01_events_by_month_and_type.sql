-- question: How many events of each type and mode happened each month?
-- Months come from date_start: the earliest day the sources allow.
SELECT strftime(date_start, '%Y-%m') AS month, event_type, coalesce(event_mode, '') AS mode, count(*) AS events,
       count(*) FILTER (WHERE is_aggregate) AS of_which_series
FROM events
GROUP BY ALL
ORDER BY month, events DESC, event_type, mode;
