/** What a server action's form shows after a failed attempt: one message, and the typed email. */
export interface FormState {
  message: string | null;
  email?: string;
}

export const EMPTY_FORM_STATE: FormState = { message: null };
