-- Requêtes de la page « Projets interministériels au fil des éditions » (interministeriels.md).
-- Exécutées à la construction du site sur panorama.duckdb ; la page reçoit leurs résultats.
-- Chaque requête commence par une ligne « -- name: <nom> », le nom sous lequel la page la lit.

-- name: parEdition
-- Une ligne par édition : projets, projets interministériels, et leurs coûts (M€).
SELECT edition,
       count(*) AS projets,
       count(*) FILTER (WHERE interministerial) AS interministeriels,
       coalesce(sum(cost_meur), 0) AS cout_meur,
       coalesce(sum(cost_meur) FILTER (WHERE interministerial), 0) AS cout_inter_meur
FROM projects
GROUP BY edition
ORDER BY edition

-- name: cohorte
-- Les projets interministériels de la première édition chargée : figurent-ils dans la dernière ?
WITH bornes AS (SELECT min(edition) AS premiere, max(edition) AS derniere FROM editions)
SELECT count(*) AS depart,
       count(l.project_key) AS encore,
       count(*) FILTER (WHERE l.interministerial) AS encore_inter
FROM projects f
CROSS JOIN bornes b
LEFT JOIN projects l ON l.project_key = f.project_key AND l.edition = b.derniere
WHERE f.edition = b.premiere AND f.interministerial

-- name: changements
-- Projets dont le caractère interministériel change d’une édition à l’autre.
SELECT h.name AS projet,
       h.ministry AS ministere,
       string_agg(p.edition, ',' ORDER BY p.edition) FILTER (WHERE p.interministerial) AS editions_oui,
       string_agg(p.edition, ',' ORDER BY p.edition) FILTER (WHERE NOT p.interministerial) AS editions_non
FROM projects p
JOIN project_history h USING (project_key)
GROUP BY h.name, h.ministry
HAVING count(DISTINCT p.interministerial) > 1
ORDER BY projet

-- name: derniers
-- Les projets interministériels de la dernière édition, du plus coûteux au moins coûteux.
SELECT name AS projet, ministry AS ministere, phase, cost_meur AS cout_meur
FROM projects
WHERE interministerial AND edition = (SELECT max(edition) FROM editions)
ORDER BY cout_meur DESC NULLS LAST, projet
