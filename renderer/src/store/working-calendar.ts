/**
 * The working calendar the desk computes deadlines with (the server's document with the unit's own layer), so the
 * reception screen's live appointment is the one the receipt will print. Loaded once per session and again when
 * the desk announces a change (a new document from the server, or an administrator's edit in Settings).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { CalendarView } from '../../../shared/api/desk-calendar';
import type { DeskCall } from '../../../shared/api/desk-api';
import type { DeskEventListener } from '../../../shared/api/bridge';
import type { AppError } from '../../../shared/result';
import { WorkingCalendar } from '../../../shared/calendar/working-calendar';
import { useDesk } from '../desk-context';

interface WorkingCalendarState {
  view: CalendarView | null;
  /** null until the desk answered: the appointment is not shown from a calendar the desk may not use. */
  calendar: WorkingCalendar | null;
  error: AppError | null;
  load(call: DeskCall): Promise<void>;
  /** An answer the screen already has (after `calendar.setLocal`). */
  accept(view: CalendarView): void;
}

let generation = 0;

export const useWorkingCalendarStore = create<WorkingCalendarState>((set) => ({
  view: null,
  calendar: null,
  error: null,
  async load(call) {
    const asked = ++generation;
    const result = await call('calendar.get', {});
    // An older answer arriving after a newer one must not put the old calendar back.
    if (asked !== generation) return;
    if (result.ok) set({ view: result.value, calendar: new WorkingCalendar(result.value.effective), error: null });
    else set({ error: result.error });
  },
  accept(view) {
    generation++;
    set({ view, calendar: new WorkingCalendar(view.effective), error: null });
  },
}));

/** The desk's working calendar, kept current while the screen is open. */
export function useWorkingCalendar(): { calendar: WorkingCalendar | null; view: CalendarView | null; error: AppError | null } {
  const { call, onDeskEvent } = useDesk();
  const { calendar, view, error, load } = useWorkingCalendarStore();
  useEffect(() => {
    void load(call);
    const listener: DeskEventListener = (event) => {
      if (event.type === 'calendar.changed') void load(call);
    };
    return onDeskEvent(listener);
  }, [call, onDeskEvent, load]);
  return { calendar, view, error };
}
