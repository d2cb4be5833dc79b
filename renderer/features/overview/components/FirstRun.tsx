/** Shown when the ledger has no connector yet: two ways in. */
export function FirstRun() {
  return (
    <section className="page-pad first-run" data-testid="first-run">
      <h1>Welcome to Flowdeck</h1>
      <p>Flowdeck watches your n8n, Make, Zapier and GitHub Actions automations in one place. Nothing is connected yet.</p>
      <div className="first-run-choices">
        <div className="card">
          <h2>Add a connector</h2>
          <p className="muted">Connect a tool with an API key or token. Flowdeck reads its run history and keeps it fresh.</p>
          <a className="button button-primary" href="#/connectors" data-testid="first-run-connect">Add a connector</a>
        </div>
        <div className="card">
          <h2>Explore the demo</h2>
          <p className="muted">See the console with a simulated business: start Flowdeck with <code>npm run serve -- --demo</code> and open the link it prints.</p>
        </div>
      </div>
    </section>
  );
}
