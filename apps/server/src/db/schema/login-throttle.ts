/** Failed sign-ins counted per key (`account:<NIK>` or `address:<ip>`) in a fixed window. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  windowStartedAt: string;
}
