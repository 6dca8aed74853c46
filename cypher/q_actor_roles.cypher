// title: Actors and what they do
// description: What each actor makes (pledges, commitments), funds, implements, supports, is responsible for, reports or proposes: one row per relationship, with the amount of a grant and the role of a support where the documents give them.
// param: actor string = null | actor id, name or acronym (actor.ilo, ILO); null for every actor
// param: actor_type string = null | only actors of this type (country, un_agency, donor, ministry, ...)
// saved: true

// PART_OF, IN_COUNTRY, HAS_THEME and MEMBER_OF describe where an actor sits, not what it
// does, so they are left out.
MATCH (a:Actor)-[r:MAKES|FUNDS|IMPLEMENTS|SUPPORTS|RESPONSIBLE_FOR|REPORTS|PROPOSES]->(x)
WHERE ($actor IS NULL
    OR a.id = $actor
    OR toLower(a.name) = toLower($actor)
    OR toLower(a.acronym) = toLower($actor))
  AND ($actor_type IS NULL OR a.actor_type = $actor_type)
RETURN
  a.name AS actor,
  a.actor_type AS actor_type,
  type(r) AS role,
  [l IN labels(x) WHERE l <> 'Entity'][0] AS target_label,
  x.id AS target,
  coalesce(x.code, x.name) AS target_name,
  r.amount AS amount,
  r.currency AS currency,
  r.role AS support_role
ORDER BY actor, role, target
