-- Requêtes de la page {{slug}}.md, exécutées à la construction du site sur panorama.duckdb.
-- Chaque requête commence par une ligne « -- name: <nom> » : la page lit ses lignes sous ce nom.
-- Tables : projects, editions, anomalies, project_history, movements (page Données et méthode).
-- Les nombres arrivent comme des nombres et les dates comme des dates : aucune conversion à écrire.

-- name: parEdition
-- Une ligne par édition : nombre de projets et coût total (M€).
SELECT edition,
       count(*) AS projets,
       sum(cost_meur) AS cout_meur
FROM projects
GROUP BY edition
ORDER BY edition
