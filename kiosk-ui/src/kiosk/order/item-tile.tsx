import type { CatalogView } from '@roompost/sync/contract';
import { useKiosk } from '../kiosk-context.js';

export interface ItemTileProps {
  item: CatalogView['items'][number];
  quantity: number;
  onAdd: () => void;
}

/** One big button per item: tap to add one more. The badge shows how many are in the cart. */
export function ItemTile({ item, quantity, onAdd }: ItemTileProps) {
  const { money, t } = useKiosk();
  return (
    <button type="button" class="tile" data-testid={`item-${item.sku}`} onClick={onAdd}>
      <span class="tile-name">{item.name}</span>
      <span class="tile-price">{money(item.priceMinor)}</span>
      {quantity > 0 && (
        <span class="tile-badge">
          {quantity}
          <span class="visually-hidden">{t('ss.inOrder')}</span>
        </span>
      )}
    </button>
  );
}
