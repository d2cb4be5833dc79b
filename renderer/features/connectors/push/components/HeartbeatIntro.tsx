/** The empty state: what a heartbeat is, in plain words. */
export function HeartbeatIntro() {
  return (
    <div className="empty-state push-intro" data-testid="push-empty">
      <h3>No heartbeat monitors yet</h3>
      <p>
        A heartbeat is a tiny web request your job sends when it runs — "I started", "I finished", "I failed".
        Flowdeck records each one as a run, so scripts, cron jobs and tools without an API show up next to your
        other automations.
      </p>
      <p className="muted">
        Give the job a short name (its slug) below, then add the curl line Flowdeck shows you to the end of the job.
        Send a start ping first and Flowdeck also measures how long it took.
      </p>
    </div>
  );
}
