// ECharts with only what the console draws (tree-shaken echarts/core).
import * as echarts from 'echarts/core';
import { HeatmapChart, BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent, TitleComponent, LegendComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { GraphChart } from 'echarts/charts'; // the 资金运行图 (issue 13)

echarts.use([HeatmapChart, BarChart, LineChart, GridComponent, TooltipComponent, VisualMapComponent, TitleComponent, LegendComponent, CanvasRenderer]);
echarts.use([GraphChart]);
export { echarts };
