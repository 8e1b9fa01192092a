import { NumberInput, type NumberInputProps } from '@mantine/core';

/** An amount in whole rupiah, written as the office writes it: `Rp 1.250.000`. */
export function RupiahInput(props: Omit<NumberInputProps, 'allowDecimal' | 'allowNegative' | 'prefix'>) {
  return (
    <NumberInput
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator="."
      decimalSeparator=","
      prefix="Rp "
      {...props}
    />
  );
}
