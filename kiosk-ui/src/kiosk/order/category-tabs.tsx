import type { CatalogView } from '@roompost/sync/contract';

export interface CategoryTabsProps {
  categories: CatalogView['categories'];
  selected: string;
  onSelect: (code: string) => void;
}

export function CategoryTabs({ categories, selected, onSelect }: CategoryTabsProps) {
  return (
    <div class="tabs" role="tablist">
      {categories.map((category) => (
        <button
          key={category.code}
          type="button"
          role="tab"
          class="tab"
          aria-selected={category.code === selected}
          data-testid={`category-${category.code}`}
          onClick={() => onSelect(category.code)}
        >
          {category.name}
        </button>
      ))}
    </div>
  );
}
