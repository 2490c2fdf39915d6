export enum Priority {
  Low = 1,
  Medium,
  High,
}

export interface Task {
  title: string;
  priority: Lowercase<keyof typeof Priority>;
  done: boolean;
}

const byName: Record<Task["priority"], Priority> = { low: Priority.Low, medium: Priority.Medium, high: Priority.High };

/** One line per open task at or above `minimum`, most urgent first, then a tally. */
export function summarize(tasks: readonly Task[], minimum: Priority): string[] {
  const open = tasks
    .filter((task) => !task.done && byName[task.priority] >= minimum)
    .sort((a, b) => byName[b.priority] - byName[a.priority]);
  const lines = open.map((task) => `  [ ] ${task.title} (${Priority[byName[task.priority]]})`);
  lines.push(`${tasks.filter((task) => task.done).length} of ${tasks.length} done`);
  return lines;
}
