// title: Actions per line of action
// description: For each line of action of an action plan (default: the RCM Regional Action Plan in Labor Mobility), its objective, its numbered actions in order, and the results of other documents it aligns with.
// param: framework string = rcm-plan | id of the action plan
// saved: true

// `number` is stored as printed (a string): ordered as an integer so that 10 follows 9.
MATCH (line:Result {level: 'line_of_action'})-[:PART_OF]->(:Framework {id: $framework})
OPTIONAL MATCH (action:Result {level: 'action'})-[:CONTRIBUTES_TO]->(line)
WITH line, action
ORDER BY toInteger(action.number), action.id
WITH line, collect(action.number + '. ' + action.name) AS actions
RETURN
  line.number AS line,
  line.name AS line_of_action,
  line.objective AS objective,
  size(actions) AS action_count,
  actions,
  [(line)-[:ALIGNS_WITH]-(other) | other.id] AS aligned_with
ORDER BY toInteger(line), line_of_action
