/**
 * Expected schedules for missed-run monitoring and SLAs. The implementation lives in ./schedules/ (one reader per
 * vendor); this is the one import path the rest of the core uses.
 */
export {
  concreteSchedule, cronProblem, nextExpected, scheduleFromDefinition, timezoneProblem, type ActiveWindow, type ConcreteSchedule,
} from '../sync/schedules/index.ts';
