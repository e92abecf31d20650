/** The API refuses shorter passwords (and common or breached ones). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password; common passwords are refused.`;
