export { ResponsibilitiesModule } from './responsibilities.module';
export { ResponsibilityTasksService, TASK_SUBJECT } from './tasks.service';
export { currentTasks, openTasks, taskHistories } from './task-rows';
export type { OpenTaskRow, TaskHistoryRow, TaskRow } from './task-rows';
export { FILE_MAX_BYTES, TASK_FILE_ACCEPT, TASK_FILE_LABELS, TASK_FILE_TYPES } from './task-file';
export { TASK_KINDS, TASK_KIND_PL, TASK_SETS, TASK_STATUS_PL, taskTitle } from './task-kinds';
export type { TaskKind, TaskScope, TaskStatus } from './task-kinds';
export {
  ApplyTaskSetDto,
  ChangeTaskDto,
  CompleteTaskDto,
  CreateTaskDto,
  WaiveTaskDto,
} from './dto/task.dto';
export type { TaskMatrixView, TaskView } from './dto/task.dto';
export { taskVersionRows } from './task-relations';
