/** One job of a workflow run, as GitHub's jobs endpoint lists it (the fields Flowdeck reads). */
export interface GithubJob {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  /** The runner labels the job asked for (`ubuntu-latest`, `windows-2022`, `macos-14`, `self-hosted` …). */
  labels?: string[] | null;
  steps?: { name: string; status: string; conclusion: string | null; number: number }[];
}
