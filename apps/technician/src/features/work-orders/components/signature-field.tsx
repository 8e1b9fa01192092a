import { Box, Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad from 'signature_pad';

/**
 * A full-width pad the customer signs with a finger. `onChange` gets the signature as a
 * PNG data URL after every stroke, or null once cleared.
 */
export function SignatureField({ label, onChange }: { label: string; onChange: (dataUrl: string | null) => void }) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(20,20,20)' });
    padRef.current = pad;
    // Sized to the device's pixels so the stroke is sharp; resizing clears, so it happens once.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d')?.scale(ratio, ratio);
    pad.clear();
    const ended = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', ended);
    return () => {
      pad.removeEventListener('endStroke', ended);
      pad.off();
    };
  }, []);

  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text fw={500} size="sm">
          {label}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            padRef.current?.clear();
            onChange(null);
          }}
        >
          {t('tech.report.clearSignature')}
        </Button>
      </Group>
      <Box
        component="canvas"
        ref={canvasRef}
        aria-label={label}
        role="img"
        w="100%"
        h={200}
        bd="2px dashed var(--mantine-color-gray-5)"
        style={{ touchAction: 'none', borderRadius: 8, background: '#fff', display: 'block' }}
      />
    </div>
  );
}
