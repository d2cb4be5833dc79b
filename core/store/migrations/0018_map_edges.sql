-- The system map (issue 19): links between workflows the owner states by hand. `action` 'add' is an edge Flowdeck
-- cannot infer (from → to, with a note); 'hide' names an inferred edge by its key (`<kind>:<from>-><to>`) that the owner
-- knows is wrong, so the map leaves it out. Removing a row puts things back as inferred. Every change is audited.
-- Times are UTC epoch milliseconds.
CREATE TABLE map_edges (
  id               INTEGER PRIMARY KEY,
  action           TEXT NOT NULL CHECK (action IN ('add', 'hide')),
  from_workflow_id INTEGER REFERENCES workflows(id) ON DELETE CASCADE,
  to_workflow_id   INTEGER REFERENCES workflows(id) ON DELETE CASCADE,
  edge_key         TEXT,
  note             TEXT,
  created_by       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  CHECK ((action = 'add' AND from_workflow_id IS NOT NULL AND to_workflow_id IS NOT NULL AND from_workflow_id <> to_workflow_id)
      OR (action = 'hide' AND edge_key IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX map_edges_added ON map_edges (from_workflow_id, to_workflow_id) WHERE action = 'add';
CREATE UNIQUE INDEX map_edges_hidden ON map_edges (edge_key) WHERE action = 'hide';
