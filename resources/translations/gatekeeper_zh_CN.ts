<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminPage</name>
    <message>
        <source>At least {count} characters</source>
        <translation>至少 {count} 个字符</translation>
    </message>
    <message>
        <source>Both entries the same</source>
        <translation>两次输入一致</translation>
    </message>
    <message>
        <source>A user name is 1 to {count} characters, without control characters.</source>
        <translation>用户名为 1 到 {count} 个字符，不能包含控制字符。</translation>
    </message>
    <message>
        <source>The password needs at least {count} characters.</source>
        <translation>密码至少需要 {count} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致。请输入两遍相同的密码。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>{name} (password set)</source>
        <translation>{name}（已设置密码）</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>Admins sign in to the officers&apos; console, add users and change settings, and unlock the kiosk.</source>
        <translation>管理员可以登录安全员控制台、添加用户、修改设置，并解锁终端。</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Password &amp;again</source>
        <translation>再次输入密码(&amp;A)</translation>
    </message>
    <message>
        <source>Show the passwords</source>
        <translation>显示密码</translation>
    </message>
    <message>
        <source>Keep the password somewhere safe: gatekeeper stores only a hash of it and cannot show it again.</source>
        <translation>请妥善保管密码：gatekeeper 只保存密码的哈希值，无法再次显示密码。</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>Unknown badge</source>
        <translation>未知工牌</translation>
    </message>
    <message>
        <source>Second reading not taken</source>
        <translation>未做复测</translation>
    </message>
    <message>
        <source>Cleared on the second reading</source>
        <translation>复测正常，已放行</translation>
    </message>
    <message>
        <source>Fever confirmed</source>
        <translation>确认发热</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>拒绝通行</translation>
    </message>
    <message>
        <source>Choose an alert in the list to acknowledge it.</source>
        <translation>在列表中选择一条警报进行处理。</translation>
    </message>
    <message>
        <source>Choose what was done.</source>
        <translation>请选择处置方式。</translation>
    </message>
    <message>
        <source>Say in the note what was done.</source>
        <translation>请在备注中说明处置情况。</translation>
    </message>
    <message>
        <source>The acknowledgement of {name}&apos;s alert is recorded in the audit trail and cannot be changed.</source>
        <translation>对 {name} 警报的处理将记入审计日志，记录后不可更改。</translation>
    </message>
    <message>
        <source>The alert of {name} was acknowledged: {outcome}.</source>
        <translation>{name} 的警报已处理：{outcome}。</translation>
    </message>
    <message>
        <source>Open alerts</source>
        <translation>未处理警报</translation>
    </message>
    <message>
        <source>Acknowledged in the last {days} days</source>
        <translation>最近 {days} 天已处理</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>警报</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Temperatures</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>By</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>处理时间</translation>
    </message>
    <message>
        <source>No open alerts. Every fever and deny is dealt with.</source>
        <translation>没有未处理的警报，所有发热和拒绝通行均已处理。</translation>
    </message>
    <message>
        <source>No alert was acknowledged in the last {days} days.</source>
        <translation>最近 {days} 天没有处理过警报。</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>处置(&amp;O)</translation>
    </message>
    <message>
        <source>Choose what was done</source>
        <translation>选择处置方式</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>What was done, by whom (required for other)</source>
        <translation>处置情况及处理人（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认处理</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Corrected before: {when} by {who}: {reason}</source>
        <translation>此前的更正：{when}，{who}：{reason}</translation>
    </message>
    <message>
        <source>The temperature must be a number, such as 36.8.</source>
        <translation>体温必须是数字，例如 36.8。</translation>
    </message>
    <message>
        <source>Say why the event is corrected: a reason is required.</source>
        <translation>请说明更正原因：原因为必填项。</translation>
    </message>
    <message>
        <source>Nothing is changed: correct at least one value, or cancel.</source>
        <translation>没有任何改动：请至少更正一项，或点“取消”。</translation>
    </message>
    <message>
        <source>Correct an event</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>{name} ({staff_no})</source>
        <translation>{name}（{staff_no}）</translation>
    </message>
    <message>
        <source>nobody in the registry</source>
        <translation>名册中无此人</translation>
    </message>
    <message>
        <source>{time} at {gate}: {who}. The event stays as it was recorded; the correction is kept beside it with your name and reason.</source>
        <translation>{time}，{gate}：{who}。原始记录保持不变；更正会连同您的姓名和原因另行保存。</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>原始记录</translation>
    </message>
    <message>
        <source>Corrected value</source>
        <translation>更正为</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Temperature (°C)</source>
        <translation>体温（°C）</translation>
    </message>
    <message>
        <source>Retention has removed this event&apos;s readings: its temperature can no longer be corrected.</source>
        <translation>此记录的体温读数已按保留期限删除，不能再更正体温。</translation>
    </message>
    <message>
        <source>This event has no temperature reading to correct.</source>
        <translation>此记录没有可更正的体温读数。</translation>
    </message>
    <message>
        <source>Reason for the correction (required)</source>
        <translation>更正原因（必填）</translation>
    </message>
    <message>
        <source>e.g. The guard chose In for a person leaving</source>
        <translation>例如：门卫把离开的人误选为“进”</translation>
    </message>
    <message>
        <source>Save correction</source>
        <translation>保存更正</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <source>Looking for cameras…</source>
        <extracomment>Device numbers looked for. What the demo camera&apos;s sample badge says (read back to show that decoding works). How long a test reading may take (a serial thermometer sends when it is used).</extracomment>
        <translation>正在查找摄像头…</translation>
    </message>
    <message>
        <source>No camera found on this computer. Plug one in and search again, or try the demo camera or a video for now.</source>
        <translation>本机没有找到摄像头。请接上摄像头后重新查找，或者先用演示摄像头或视频试用。</translation>
    </message>
    <message>
        <source>Cameras found: {count}.</source>
        <translation>找到摄像头：{count} 个。</translation>
    </message>
    <message>
        <source>Choose a video or a picture</source>
        <translation>选择视频或图片</translation>
    </message>
    <message>
        <source>Videos and pictures ({patterns});;All files (*)</source>
        <translation>视频和图片 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a folder of pictures</source>
        <translation>选择图片文件夹</translation>
    </message>
    <message>
        <source>Choose a camera to see its picture</source>
        <translation>选择摄像头即可查看画面</translation>
    </message>
    <message>
        <source>Not chosen: the kiosk will use camera 0 when it is plugged in.</source>
        <translation>未选择：接上摄像头后，终端将使用 0 号摄像头。</translation>
    </message>
    <message>
        <source>A QR code was read: this camera works for badges.</source>
        <translation>已读取到二维码：此摄像头可以读取工牌。</translation>
    </message>
    <message>
        <source>Hold a badge up to the camera: its code is outlined in green when it can be read.</source>
        <translation>请将工牌对准摄像头：能够读取时，二维码会以绿色框标出。</translation>
    </message>
    <message>
        <source>No picture from this camera</source>
        <translation>此摄像头没有画面</translation>
    </message>
    <message>
        <source>Check the cable, or choose another camera. The kiosk keeps trying to reconnect.</source>
        <translation>请检查连接线，或选择其他摄像头。终端会不断尝试重新连接。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Choose a video file or a folder of pictures, or another camera.</source>
        <translation>请选择视频文件或图片文件夹，或选择其他摄像头。</translation>
    </message>
    <message>
        <source>“{path}” cannot be found any more. Choose the video or the folder again.</source>
        <translation>找不到“{path}”了。请重新选择视频或文件夹。</translation>
    </message>
    <message>
        <source>Not chosen (camera 0)</source>
        <translation>未选择（0 号摄像头）</translation>
    </message>
    <message>
        <source>Demo camera</source>
        <translation>演示摄像头</translation>
    </message>
    <message>
        <source>Camera {number}</source>
        <translation>{number} 号摄像头</translation>
    </message>
    <message>
        <source>Pictures in {path}</source>
        <translation>{path} 中的图片</translation>
    </message>
    <message>
        <source>Video {path}</source>
        <translation>视频 {path}</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>{camera} (not found now)</source>
        <translation>{camera}（当前未找到）</translation>
    </message>
    <message>
        <source>Camera at the gate</source>
        <translation>门岗摄像头</translation>
    </message>
    <message>
        <source>Search again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <source>A sample badge on a moving picture, to try gatekeeper without a camera.</source>
        <translation>动态画面中显示一张示例工牌，无需摄像头即可试用 gatekeeper。</translation>
    </message>
    <message>
        <source>A video file or a folder of pictures</source>
        <translation>视频文件或图片文件夹</translation>
    </message>
    <message>
        <source>Played in a loop, like a camera: for tests and training.</source>
        <translation>像摄像头一样循环播放：用于测试和培训。</translation>
    </message>
    <message>
        <source>Video…</source>
        <translation>视频…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Nothing chosen yet</source>
        <translation>尚未选择</translation>
    </message>
</context>
<context>
    <name>ConsolePages</name>
    <message>
        <source>Dashboard</source>
        <translation>今日概览</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>警报</translation>
    </message>
    <message>
        <source>On site now</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <source>Nobody missed</source>
        <translation>漏检核查</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>隔离观察</translation>
    </message>
    <message>
        <source>Entry log</source>
        <translation>出入记录</translation>
    </message>
    <message>
        <source>Staff registry</source>
        <translation>人员名册</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>ConsoleTexts</name>
    <message>
        <source>Something went wrong ({error}). The details are in the log file.</source>
        <translation>出现了问题（{error}），详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>门卫</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>安全员</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>承包商</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Fever, second reading not taken</source>
        <translation>发热，未做复测</translation>
    </message>
    <message>
        <source>Cleared on the second reading</source>
        <translation>复测正常，已放行</translation>
    </message>
    <message>
        <source>Fever confirmed</source>
        <translation>确认发热</translation>
    </message>
    <message>
        <source>Not active in the registry</source>
        <translation>名册中已停用</translation>
    </message>
    <message>
        <source>No health declaration</source>
        <translation>未做健康申报</translation>
    </message>
    <message>
        <source>Declaration reports a risk</source>
        <translation>健康申报有风险</translation>
    </message>
    <message>
        <source>Forged or altered badge</source>
        <translation>伪造或篡改的工牌</translation>
    </message>
    <message>
        <source>Replaced badge</source>
        <translation>已被替换的旧工牌</translation>
    </message>
    <message>
        <source>Expired badge or pass</source>
        <translation>工牌或通行证已过期</translation>
    </message>
    <message>
        <source>Badge of another site</source>
        <translation>其他厂区的工牌</translation>
    </message>
    <message>
        <source>Badge of nobody registered</source>
        <translation>工牌不属于名册中的任何人</translation>
    </message>
    <message>
        <source>Unreadable code</source>
        <translation>无法识别的二维码</translation>
    </message>
    <message>
        <source>Automatic exit</source>
        <translation>自动离场</translation>
    </message>
    <message>
        <source>Sent home</source>
        <translation>已劝返回家</translation>
    </message>
    <message>
        <source>Isolation room</source>
        <translation>送往隔离室</translation>
    </message>
    <message>
        <source>Cleared by recheck</source>
        <translation>复测正常，已放行</translation>
    </message>
    <message>
        <source>Referred to hospital</source>
        <translation>转送医院</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>Other (say what in the note)</source>
        <translation>其他（请在备注中说明）</translation>
    </message>
    <message>
        <source>No department</source>
        <translation>无部门</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <source>Updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>{count} open alerts</source>
        <translation>{count} 条未处理警报</translation>
    </message>
    <message>
        <source>{count} forgotten check-outs were closed automatically at the cut-off time (marked as automatic exits).</source>
        <translation>已在截止时间为 {count} 位忘记离场登记的人员自动登记离场（标记为自动离场）。</translation>
    </message>
    <message>
        <source>The scheduled purge removed {count} old records.</source>
        <translation>定期清理删除了 {count} 条过期记录。</translation>
    </message>
    <message>
        <source>Closing forgotten check-outs failed: {reason}</source>
        <translation>自动登记离场失败：{reason}</translation>
    </message>
    <message>
        <source>The scheduled purge failed: {reason}</source>
        <translation>定期清理失败：{reason}</translation>
    </message>
    <message>
        <source>Counting the open alerts failed: {reason}</source>
        <translation>统计未处理警报失败：{reason}</translation>
    </message>
    <message>
        <source>gatekeeper console — {gate}, {site}</source>
        <translation>gatekeeper 控制台 — {site} · {gate}</translation>
    </message>
    <message>
        <source>Signed in as {name} ({role})</source>
        <translation>当前用户：{name}（{role}）</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>DailyReportDialog</name>
    <message>
        <source>Daily report</source>
        <translation>每日报告</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>PDF for printing (.pdf)</source>
        <translation>用于打印的 PDF（.pdf）</translation>
    </message>
    <message>
        <source>Entries and exits, headcount by department, entries by hour, fever cases with their outcomes and the returnees under observation, in Chinese and English. The export is recorded in the audit trail.</source>
        <translation>包括出入人次、各部门人数、分时入场、发热病例及处置、返程观察人员，中英双语。导出操作将记入审计日志。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Today, {date}</source>
        <translation>今天，{date}</translation>
    </message>
    <message>
        <source>Fever threshold {temperature} · as of {time}</source>
        <translation>发热阈值 {temperature} · 截至 {time}</translation>
    </message>
    <message>
        <source>{start}–{end}: {count} entries</source>
        <translation>{start}–{end}：入场 {count} 人次</translation>
    </message>
    <message>
        <source>Entries per hour today: {values}</source>
        <translation>今日每小时入场人次：{values}</translation>
    </message>
    <message>
        <source>{date}: {count} fever cases</source>
        <translation>{date}：发热病例 {count} 例</translation>
    </message>
    <message>
        <source>Fever cases per day: {values}</source>
        <translation>每日发热病例：{values}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save the daily report</source>
        <translation>保存每日报告</translation>
    </message>
    <message>
        <source>The daily report of {date} was saved to {path}.</source>
        <translation>{date} 的每日报告已保存到 {path}。</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>入场人次</translation>
    </message>
    <message>
        <source>Passes going in today</source>
        <translation>今天通过筛查进入的人次</translation>
    </message>
    <message>
        <source>People entered</source>
        <translation>入场人数</translation>
    </message>
    <message>
        <source>Different people who came in</source>
        <translation>今天进入的不同人员数</translation>
    </message>
    <message>
        <source>On site now</source>
        <translation>当前在场</translation>
    </message>
    <message>
        <source>Came in and have not left</source>
        <translation>已进入且尚未离开</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Visits registered today</source>
        <translation>今天登记的来访</translation>
    </message>
    <message>
        <source>Fever cases</source>
        <translation>发热病例</translation>
    </message>
    <message>
        <source>A reading at or above the threshold</source>
        <translation>体温达到或超过阈值</translation>
    </message>
    <message>
        <source>Rechecks</source>
        <translation>复测</translation>
    </message>
    <message>
        <source>First readings at or above the threshold</source>
        <translation>首次测温达到或超过阈值</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>拒绝通行</translation>
    </message>
    <message>
        <source>Refused at a gate today</source>
        <translation>今天在门岗被拒绝通行</translation>
    </message>
    <message>
        <source>Under observation</source>
        <translation>观察中</translation>
    </message>
    <message>
        <source>Returnees in their observation period</source>
        <translation>处于观察期的返程人员</translation>
    </message>
    <message>
        <source>Daily report…</source>
        <translation>每日报告…</translation>
    </message>
    <message>
        <source>Save the daily report for the authorities (Excel or PDF)</source>
        <translation>保存上报主管部门的每日报告（Excel 或 PDF）</translation>
    </message>
    <message>
        <source>Entries per hour</source>
        <translation>每小时入场人次</translation>
    </message>
    <message>
        <source>Fever cases, last 14 days</source>
        <translation>近 14 天发热病例</translation>
    </message>
    <message>
        <source>No entries yet today.</source>
        <translation>今天还没有人入场。</translation>
    </message>
    <message>
        <source>No fever cases in the last 14 days.</source>
        <translation>近 14 天没有发热病例。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>DeclarationFields</name>
    <message>
        <source>Do you have any of these symptoms today?</source>
        <translation>您今天有以下症状吗？</translation>
    </message>
    <message>
        <source>Cities or places visited in the last 14 days (separate with commas)</source>
        <translation>近 14 天去过的城市或地点（用逗号分隔）</translation>
    </message>
    <message>
        <source>For example: Shanghai, Suzhou</source>
        <translation>例如：上海，苏州</translation>
    </message>
    <message>
        <source>In the last 14 days, were you in contact with a confirmed case?</source>
        <translation>近 14 天内是否接触过确诊病例？</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>DeclarationScreen</name>
    <message>
        <source>Health declaration</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>{name}, this site asks for a health declaration today before entry.</source>
        <translation>{name}，本厂区要求进入前先填写今日健康申报。</translation>
    </message>
    <message>
        <source>By confirming, you declare that these answers are true.</source>
        <translation>确认即表示您声明以上内容真实。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Do not declare</source>
        <translation>不申报</translation>
    </message>
    <message>
        <source>Confirm declaration</source>
        <translation>确认申报</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>gatekeeper</source>
        <translation>gatekeeper</translation>
    </message>
    <message>
        <source>gatekeeper ran into a problem it did not expect.</source>
        <translation>gatekeeper 遇到了一个意外的问题。</translation>
    </message>
    <message>
        <source>A report was written to {report}. It holds no names and no health data: please send it to whoever looks after this gate. You can go on working or quit.</source>
        <translation>已生成报告 {report}。报告中不含姓名和健康信息：请将该文件发给本门岗的维护人员。您可以继续工作或退出。</translation>
    </message>
    <message>
        <source>Please tell whoever looks after this gate. You can go on working or quit.</source>
        <translation>请告知负责本门岗的管理员。您可以继续使用，也可以退出。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <source>gatekeeper — set up this gate</source>
        <translation>gatekeeper — 设置本门岗</translation>
    </message>
    <message>
        <source>Welcome to gatekeeper</source>
        <translation>欢迎使用 gatekeeper</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Nothing was created: {reason}</source>
        <translation>未能创建任何内容：{reason}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Health screening and staff registration at the gate. Set up this computer in a few steps: this is done once.</source>
        <translation>门岗健康筛查与人员登记。只需几步即可设置好这台电脑，只需设置一次。</translation>
    </message>
    <message>
        <source>Site and gate</source>
        <translation>厂区与门岗</translation>
    </message>
    <message>
        <source>Where is this gate?</source>
        <translation>这个门岗在哪里？</translation>
    </message>
    <message>
        <source>Tell gatekeeper where it is working. The names appear on screens, badges and reports.</source>
        <translation>请告诉 gatekeeper 它在哪里工作。这些名称会显示在屏幕、工牌和报表上。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>The administrator</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>The first account of gatekeeper. It signs in to the officers&apos; console, where it can add the other users.</source>
        <translation>gatekeeper 的第一个账号。用它登录安全员控制台，并在那里添加其他用户。</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>The camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>The kiosk reads badges with it. Choose one and check its picture.</source>
        <translation>终端用它读取工牌。请选择一个摄像头并查看画面。</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>The thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>Choose how readings reach the kiosk, and try it with a test reading.</source>
        <translation>选择体温读数如何进入终端，并测试读数。</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛查</translation>
    </message>
    <message>
        <source>When a temperature counts as fever, and the unit guards type in.</source>
        <translation>体温达到多少算发热，以及门卫输入体温所用的单位。</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Ready to create the site</source>
        <translation>准备创建厂区</translation>
    </message>
    <message>
        <source>Check what will be set up. Go back to change anything.</source>
        <translation>请核对将要设置的内容。如需修改，可返回上一步。</translation>
    </message>
    <message>
        <source>Step {number} of {total}</source>
        <translation>第 {number} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Set up this gate</source>
        <translation>设置本门岗</translation>
    </message>
    <message>
        <source>Data will be kept in {path}</source>
        <translation>数据将保存在 {path}</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>GateApp</name>
    <message>
        <source>The data folder {path} cannot be created: {reason}</source>
        <extracomment>How long closing waits for the day&apos;s backup to stop (a copy under way is not interrupted; one left unfinished is cleaned up by the next). What follows the first-run screen, and starts an installed site: the home window unless another screen (the kiosk) is given.</extracomment>
        <translation>无法创建数据文件夹 {path}：{reason}</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <source>Put records on hold</source>
        <extracomment>The kiosk&apos;s sync destination choices (the combo&apos;s data).</extracomment>
        <translation>保留记录</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>For example: fever case under investigation</source>
        <translation>例如：发热病例正在调查</translation>
    </message>
    <message>
        <source>Every record of this person is kept, whatever the retention periods say, until the hold is released.</source>
        <translation>在解除保留之前，此人的所有记录都将保留，不受保存期限限制。</translation>
    </message>
    <message>
        <source>Put on hold</source>
        <translation>保留</translation>
    </message>
</context>
<context>
    <name>HomeWindow</name>
    <message>
        <source>The registry could not be read: {reason}</source>
        <translation>无法读取人员名册：{reason}</translation>
    </message>
    <message>
        <source>Nobody is registered yet. Start with the first step below.</source>
        <translation>还没有登记任何人员。请从下面的第 1 步开始。</translation>
    </message>
    <message>
        <source>people registered at this site</source>
        <translation>本厂区已登记人数</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>gatekeeper — {gate}, {site}</source>
        <translation>gatekeeper — {site} · {gate}</translation>
    </message>
    <message>
        <source>This gate</source>
        <translation>本门岗</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>厂区</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>人员名册</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Get started</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>1. Add your staff from a .csv or .xlsx file (add --help to the command to see the columns it reads):</source>
        <translation>1. 从 .csv 或 .xlsx 文件导入员工（在命令后加 --help 可查看需要哪些列）：</translation>
    </message>
    <message>
        <source>2. Print a badge for everyone:</source>
        <translation>2. 为所有人打印工牌：</translation>
    </message>
    <message>
        <source>3. Start the screening kiosk at the gate (add --help for its options):</source>
        <translation>3. 在门岗启动测温闸机界面（在命令后加 --help 查看选项）：</translation>
    </message>
    <message>
        <source>4. Open the safety officer&apos;s console (an officer signs in):</source>
        <translation>4. 打开安全员控制台（由安全员登录）：</translation>
    </message>
    <message>
        <source>Every command, with its options:</source>
        <translation>全部命令及其选项：</translation>
    </message>
    <message>
        <source>Copy the command to the clipboard</source>
        <translation>把命令复制到剪贴板</translation>
    </message>
    <message>
        <source>gatekeeper {version}. Run the commands in a terminal on this computer.</source>
        <translation>gatekeeper {version}。请在本机的终端中运行这些命令。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Choose a staff list</source>
        <translation>选择人员名单</translation>
    </message>
    <message>
        <source>Staff lists (*.csv *.xlsx);;All files (*)</source>
        <translation>人员名单 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking and importing {file}…</source>
        <translation>正在检查并导入 {file}…</translation>
    </message>
    <message>
        <source>Nothing was imported: {rows} rows of {file} have problems. Fix them in the file and import it again.</source>
        <translation>未导入任何内容：{file} 中有 {rows} 行存在问题。请在文件中改正后重新导入。</translation>
    </message>
    <message>
        <source>Nothing was imported: 1 row of {file} has a problem. Fix it in the file and import it again.</source>
        <translation>未导入任何内容：{file} 中有 1 行存在问题。请在文件中改正后重新导入。</translation>
    </message>
    <message>
        <source>Imported {file}: {added} added, {updated} updated, {unchanged} unchanged.</source>
        <translation>已导入 {file}：新增 {added} 人，更新 {updated} 人，{unchanged} 人无变化。</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>文件：{path}</translation>
    </message>
    <message>
        <source>Import people</source>
        <translation>导入人员</translation>
    </message>
    <message>
        <source>Import people from a staff list</source>
        <translation>从人员名单导入</translation>
    </message>
    <message>
        <source>A CSV file or an Excel workbook (.xlsx) whose first row names the columns. Staff number and name are required (staff_no, name or 工号, 姓名); department, kind and phone are optional (部门, 类型, 电话). People already in the registry are found by staff number and updated. If any row has a problem, nothing is imported and every problem is listed here.</source>
        <translation>CSV 文件或 Excel 工作簿（.xlsx），第一行为列名。工号和姓名必填（工号、姓名 或 staff_no、name）；部门、类型、电话选填（department、kind、phone）。名册中已有的人员按工号匹配并更新。只要有一行存在问题，就不会导入任何内容，所有问题都会列在这里。</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>文本行</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>{count} more</source>
        <translation>另外 {count} 行</translation>
    </message>
    <message>
        <source> (as {value})</source>
        <translation>（写作 {value}）</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{field} is missing</source>
        <translation>{field}未填写</translation>
    </message>
    <message>
        <source>{field} is too long ({count} characters; at most {limit})</source>
        <translation>{field}过长（{count} 个字符，最多 {limit} 个）</translation>
    </message>
    <message>
        <source>{field} {value} starts with &apos;{first}&apos;, which spreadsheets run as a formula; remove it</source>
        <translation>{field} {value} 以“{first}”开头，电子表格会把它当作公式执行；请删除该字符</translation>
    </message>
    <message>
        <source>staff number {value} looks like a number Excel shortened to scientific notation; format the column as text, type the numbers again and save</source>
        <translation>工号 {value} 像是被 Excel 缩写成了科学计数法；请把该列设为文本格式，重新输入号码后保存</translation>
    </message>
    <message>
        <source>unknown kind {value} (use employee, contractor, visitor, 员工, 承包商 or 访客)</source>
        <translation>未知类型 {value}（可用：员工、承包商、访客 或 employee、contractor、visitor）</translation>
    </message>
    <message>
        <source>phone {value} may only contain digits, spaces, +, -, ( and ); it looks like a number Excel shortened to scientific notation: format the column as text, type the numbers again and save</source>
        <translation>电话 {value} 只能包含数字、空格、+、-、( 和 )；它像是被 Excel 缩写成了科学计数法：请把该列设为文本格式，重新输入号码后保存</translation>
    </message>
    <message>
        <source>phone {value} may only contain digits, spaces, +, -, ( and )</source>
        <translation>电话 {value} 只能包含数字、空格、+、-、( 和 )</translation>
    </message>
    <message>
        <source>phone {value} may have &apos;+&apos; only in front</source>
        <translation>电话 {value} 中的“+”只能在最前面</translation>
    </message>
    <message>
        <source>phone {value} has no digits</source>
        <translation>电话 {value} 中没有数字</translation>
    </message>
    <message>
        <source>staff number {value} also appears in row {rows}</source>
        <translation>工号 {value} 与第 {rows} 行重复</translation>
    </message>
    <message>
        <source>staff number {value} also appears in rows {rows}</source>
        <translation>工号 {value} 与第 {rows} 行重复</translation>
    </message>
</context>
<context>
    <name>KioskTexts</name>
    <message>
        <source>PASS</source>
        <translation>通行</translation>
    </message>
    <message>
        <source>RECHECK</source>
        <translation>复测</translation>
    </message>
    <message>
        <source>DENIED</source>
        <translation>禁止通行</translation>
    </message>
    <message>
        <source>ALREADY RECORDED</source>
        <translation>已记录</translation>
    </message>
    <message>
        <source>IN</source>
        <translation>进</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Temperature normal. Welcome.</source>
        <translation>体温正常，欢迎进入。</translation>
    </message>
    <message>
        <source>The temperature is at or above the limit. Please wait a moment: a second reading is needed.</source>
        <translation>体温达到或超过限值。请稍候，需要再测一次。</translation>
    </message>
    <message>
        <source>The second reading is normal. Welcome.</source>
        <translation>复测体温正常，欢迎进入。</translation>
    </message>
    <message>
        <source>The second reading confirms a raised temperature. Entry is not allowed.</source>
        <translation>复测仍然体温偏高，不能进入。</translation>
    </message>
    <message>
        <source>This person is no longer active in the registry.</source>
        <translation>此人在人员名册中已停用。</translation>
    </message>
    <message>
        <source>A health declaration for today is required before entry.</source>
        <translation>进入前须填写今日健康申报。</translation>
    </message>
    <message>
        <source>The health declaration reports symptoms or contact with a confirmed case.</source>
        <translation>健康申报中有症状或与确诊病例有接触。</translation>
    </message>
    <message>
        <source>This badge is not genuine: it is forged or has been altered.</source>
        <translation>此工牌无效：系伪造或已被篡改。</translation>
    </message>
    <message>
        <source>This badge was replaced by a newer one and is no longer valid.</source>
        <translation>此工牌已被新工牌取代，不再有效。</translation>
    </message>
    <message>
        <source>This badge or visitor pass has expired.</source>
        <translation>此工牌或访客通行证已过期。</translation>
    </message>
    <message>
        <source>This badge was issued by another site.</source>
        <translation>此工牌由其他厂区签发。</translation>
    </message>
    <message>
        <source>This badge belongs to nobody in this site&apos;s registry.</source>
        <translation>本厂区名册中没有此工牌的持有人。</translation>
    </message>
    <message>
        <source>This code is not a gatekeeper badge, or it could not be read whole.</source>
        <translation>这不是 gatekeeper 工牌的二维码，或者没有完整读取。</translation>
    </message>
    <message>
        <source>Check-out closed automatically at the end of the day.</source>
        <translation>当日未登记离开，已由系统自动登记离开。</translation>
    </message>
    <message>
        <source>Fever</source>
        <translation>发热</translation>
    </message>
    <message>
        <source>Cough</source>
        <translation>咳嗽</translation>
    </message>
    <message>
        <source>Sore throat</source>
        <translation>咽痛</translation>
    </message>
    <message>
        <source>Shortness of breath</source>
        <translation>呼吸困难</translation>
    </message>
    <message>
        <source>Loss of taste or smell</source>
        <translation>味觉或嗅觉减退</translation>
    </message>
    <message>
        <source>Unusual tiredness</source>
        <translation>异常乏力</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Person visited</source>
        <translation>被访人</translation>
    </message>
    <message>
        <source>Purpose of the visit</source>
        <translation>来访事由</translation>
    </message>
    <message>
        <source>Visitor or contractor</source>
        <translation>访客或承包商</translation>
    </message>
    <message>
        <source>Places visited in the last 14 days</source>
        <translation>近 14 天去过的地方</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Digits only, optionally starting with +.</source>
        <translation>只能填数字，开头可以加 +。</translation>
    </message>
    <message>
        <source>Contains characters that are not allowed.</source>
        <translation>含有不允许的字符。</translation>
    </message>
    <message>
        <source>Choose visitor or contractor.</source>
        <translation>请选择访客或承包商。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>At most {n} places, of up to 100 characters each.</source>
        <translation>最多 {n} 个地点，每个不超过 100 个字符。</translation>
    </message>
    <message>
        <source>Too many failed attempts. Try again in {seconds} s.</source>
        <translation>失败次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>This account may not do this.</source>
        <translation>此账号无权进行此操作。</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN 码错误，请重试。</translation>
    </message>
    <message>
        <source>Camera starting…</source>
        <translation>摄像头启动中…</translation>
    </message>
    <message>
        <source>Camera ready</source>
        <translation>摄像头就绪</translation>
    </message>
    <message>
        <source>Camera lost: reconnecting…</source>
        <translation>摄像头断开：正在重新连接…</translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation>摄像头已停止</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>The thermometer reports a problem: {message}</source>
        <extracomment>A code that stays in view is acted on once; it counts as new after this long out of view. How long the visitor pass stays on screen when nobody presses Done. The amber screen moves on to the second reading after at most this long. manual | hid | serial | sim: how temperatures arrive when there is no device object. The name readings are stored under, and calibration offsets are kept for. How often the kiosk closes forgotten check-outs (services/presence.py), in ms: the kiosk runs all day, so the automatic exits happen even when no console is open. Emitted after every finished screening outcome shown (tests and logs). The kiosk closed (after shutdown). Photos fetched by the worker for the result screen (person id -&gt; image bytes). The upstream sync running beside the kiosk, when it was started with one.</extracomment>
        <translation>体温计报告故障：{message}</translation>
    </message>
    <message>
        <source>{value} is outside the plausible range {low}–{high} °C: a measurement error. Please re-measure.</source>
        <translation>{value} 不在合理范围 {low}–{high} °C 内，属于测量错误。请重新测量。</translation>
    </message>
    <message>
        <source>“{value}” is not a temperature. Type it like 36.6.</source>
        <translation>“{value}”不是体温读数。请按 36.6 这样的格式输入。</translation>
    </message>
    <message>
        <source>Already recorded at {time} ({direction}). No new entry was made.</source>
        <translation>已于 {time} 记录（{direction}），本次不重复记录。</translation>
    </message>
    <message>
        <source>Show visitor pass</source>
        <translation>查看访客通行证</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一位</translation>
    </message>
    <message>
        <source>{direction} · {time}</source>
        <translation>{direction} · {time}</translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation>第二次测量</translation>
    </message>
    <message>
        <source>Security has been alerted.</source>
        <translation>已通知安保人员。</translation>
    </message>
    <message>
        <source>Please ask the guard for help.</source>
        <translation>请向门卫求助。</translation>
    </message>
    <message>
        <source>Second reading in {seconds} s</source>
        <translation>{seconds} 秒后第二次测量</translation>
    </message>
    <message>
        <source>Visitor pass in {seconds} s</source>
        <translation>{seconds} 秒后显示访客通行证</translation>
    </message>
    <message>
        <source>Next person in {seconds} s</source>
        <translation>{seconds} 秒后请下一位</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Nothing was recorded. Please try again or ask the guard.</source>
        <translation>本次没有任何记录。请重试或向门卫求助。</translation>
    </message>
    <message>
        <source>The kiosk could not finish this step ({error}).</source>
        <translation>终端未能完成这一步（{error}）。</translation>
    </message>
    <message>
        <source>Attended (guard signs in)</source>
        <translation>有人值守（门卫签到）</translation>
    </message>
    <message>
        <source>Self-service (no guard)</source>
        <translation>自助（无门卫）</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>厂区</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation>发热阈值</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} min behind the gate&apos;s last record ({time}): it was set back. Records keep their order, but their times may be wrong. Set the date and time right, or tell whoever looks after this gate.</source>
        <translation>本机时钟比本门岗最后一条记录（{time}）慢 {minutes} 分钟：时钟被调回过。记录顺序不受影响，但记录时间可能有误。请校正日期和时间，或通知本门岗的维护人员。</translation>
    </message>
    <message>
        <source>gatekeeper kiosk — {gate}, {site}</source>
        <translation>gatekeeper 门岗终端 — {site} {gate}</translation>
    </message>
</context>
<context>
    <name>LanguageSwitch</name>
    <message>
        <source>Language of the screens</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>LogPage</name>
    <message>
        <source>Several people are called {name}: choose one from the list, or type a staff number.</source>
        <translation>有多人叫 {name}：请从列表中选择，或输入工号。</translation>
    </message>
    <message>
        <source>Nobody in the registry is called or numbered {text}.</source>
        <translation>人员名册中没有姓名或工号为 {text} 的人。</translation>
    </message>
    <message>
        <source>Matching events: {count}</source>
        <translation>符合条件的记录：{count}</translation>
    </message>
    <message>
        <source>{count} new since this list was read: press Refresh to show them.</source>
        <translation>读取后新增 {count} 条：点“刷新”显示。</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF for printing (*.pdf)</source>
        <translation>用于打印的 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export the entry log</source>
        <translation>导出出入记录</translation>
    </message>
    <message>
        <source>Exported {count} events to {file}.</source>
        <translation>已将 {count} 条记录导出到 {file}。</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>正在导出到 {file}…</translation>
    </message>
    <message>
        <source>Corrected the {fields} of the event at {time}. The original stays in the record.</source>
        <translation>已更正 {time} 这条记录的{fields}。原始记录保持不变。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>All gates</source>
        <translation>全部门岗</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Any decision</source>
        <translation>全部结果</translation>
    </message>
    <message>
        <source>In and out</source>
        <translation>进和出</translation>
    </message>
    <message>
        <source>Name or staff number</source>
        <translation>姓名或工号</translation>
    </message>
    <message>
        <source>From this moment on (site time)</source>
        <translation>从此时刻起（厂区时间）</translation>
    </message>
    <message>
        <source>Up to, not including, this moment (site time)</source>
        <translation>到此时刻为止，不含此刻（厂区时间）</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the events the filters select as CSV, XLSX or PDF</source>
        <translation>把筛选出的记录保存为 CSV、XLSX 或 PDF</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Correct the selected event, with a reason</source>
        <translation>更正所选记录，须说明原因</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <source>The entry log could not be read: %s</source>
        <translation>无法读取出入记录：%s</translation>
    </message>
    <message>
        <source>This column does not sort.</source>
        <translation>此列不能排序。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Identified by</source>
        <translation>识别方式</translation>
    </message>
    <message>
        <source>Amended</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>(not in the registry)</source>
        <translation>（不在名册中）</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>%s (time zone %s)</source>
        <translation>%s（时区 %s）</translation>
    </message>
    <message>
        <source>Corrected after the event: %s</source>
        <translation>事后更正：%s</translation>
    </message>
    <message>
        <source>Readings: %s</source>
        <translation>读数：%s</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>通行</translation>
    </message>
    <message>
        <source>Recheck</source>
        <translation>复测</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>禁止通行</translation>
    </message>
    <message>
        <source>In</source>
        <translation>进</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>出</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Looked up</source>
        <translation>人工查找</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>decision</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Raised, second reading needed</source>
        <translation>体温偏高，需要复测</translation>
    </message>
    <message>
        <source>Normal on second reading</source>
        <translation>复测正常</translation>
    </message>
    <message>
        <source>Raised on second reading</source>
        <translation>复测仍偏高</translation>
    </message>
    <message>
        <source>Not active</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>No health declaration</source>
        <translation>未做健康申报</translation>
    </message>
    <message>
        <source>Declaration reports a risk</source>
        <translation>申报有风险</translation>
    </message>
    <message>
        <source>Forged badge</source>
        <translation>伪造工牌</translation>
    </message>
    <message>
        <source>Replaced badge</source>
        <translation>已被替换的工牌</translation>
    </message>
    <message>
        <source>Expired badge</source>
        <translation>过期工牌</translation>
    </message>
    <message>
        <source>Badge of another site</source>
        <translation>其他厂区的工牌</translation>
    </message>
    <message>
        <source>Badge of nobody here</source>
        <translation>本厂区无此人的工牌</translation>
    </message>
    <message>
        <source>Unreadable code</source>
        <translation>无法识别的码</translation>
    </message>
</context>
<context>
    <name>LookupScreen</name>
    <message>
        <source>(inactive)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Nobody found. Check the spelling, or ask the guard.</source>
        <translation>没有找到。请检查输入，或向门卫求助。</translation>
    </message>
    <message>
        <source>Type at least a few letters or digits.</source>
        <translation>请输入几个字或数字。</translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation>忘带工牌</translation>
    </message>
    <message>
        <source>Find yourself by staff number, name or phone number.</source>
        <translation>按工号、姓名或手机号查找自己。</translation>
    </message>
    <message>
        <source>Staff number, name or phone</source>
        <translation>工号、姓名或手机号</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>This is me</source>
        <translation>就是我</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
    <message>
        <source>This did not work because of an unexpected problem ({error}). The details are in the log.</source>
        <translation>出现意外问题（{error}），操作未完成。详细信息已写入日志。</translation>
    </message>
</context>
<context>
    <name>MissedPage</name>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Denied today</source>
        <translation>今天被拒绝通行</translation>
    </message>
    <message>
        <source>Waiting for a second reading</source>
        <translation>等待复测</translation>
    </message>
    <message>
        <source>On site since before today</source>
        <translation>今天之前进入，仍在场</translation>
    </message>
    <message>
        <source>Not at a gate yet</source>
        <translation>尚未到门岗</translation>
    </message>
    <message>
        <source>Everybody expected today (employees, contractors, today&apos;s visitors) should pass a screening. Nobody is missed if both lists are empty.</source>
        <translation>今天应到的所有人（员工、承包商、今天的访客）都应通过筛查。两个列表都为空时，说明无人漏检。</translation>
    </message>
    <message>
        <source>Not screened today</source>
        <translation>今天未筛查</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Everybody expected today has been screened.</source>
        <translation>今天应到的人员均已筛查。</translation>
    </message>
    <message>
        <source>Denied and not cleared since</source>
        <translation>被拒绝通行且尚未放行</translation>
    </message>
    <message>
        <source>Denied at</source>
        <translation>拒绝时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Nobody who was denied is waiting to be cleared.</source>
        <translation>没有被拒绝通行后等待放行的人员。</translation>
    </message>
</context>
<context>
    <name>NumericKeypad</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
</context>
<context>
    <name>ObservationPage</name>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Listed regions: {regions}. An observation lasts {days} days from the day of arrival.</source>
        <translation>重点地区：{regions}。观察期自到达当天起共 {days} 天。</translation>
    </message>
    <message>
        <source>{day} of {days}</source>
        <translation>第 {day}/{days} 天</translation>
    </message>
    <message>
        <source>Daily temperatures</source>
        <translation>每日体温</translation>
    </message>
    <message>
        <source>Choose a person above to see their temperature on each day of the observation.</source>
        <translation>在上方选择一位人员，查看其观察期内每天的体温。</translation>
    </message>
    <message>
        <source>Daily temperatures of {name}</source>
        <translation>{name} 的每日体温</translation>
    </message>
    <message>
        <source>From {origin}, arrived {arrived}, clears on {clears}. Days with a fever: {fevers}.</source>
        <translation>来自 {origin}，{arrived} 到达，{clears} 解除观察。发热天数：{fevers}。</translation>
    </message>
    <message>
        <source>fever {temperature}</source>
        <translation>发热 {temperature}</translation>
    </message>
    <message>
        <source>not screened</source>
        <translation>未筛查</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{date}: no reading</source>
        <translation>{date}：无体温记录</translation>
    </message>
    <message>
        <source>{date}: highest {temperature}</source>
        <translation>{date}：最高 {temperature}</translation>
    </message>
    <message>
        <source>{name}&apos;s travel from {origin} was recorded: under observation until {date}.</source>
        <translation>已登记 {name} 从 {origin} 返回的行程：观察至 {date}。</translation>
    </message>
    <message>
        <source>{name}&apos;s travel from {origin} was recorded as travel history.</source>
        <translation>已将 {name} 从 {origin} 返回的行程登记为行程记录。</translation>
    </message>
    <message>
        <source>End the observation early</source>
        <translation>提前结束观察</translation>
    </message>
    <message>
        <source>End the observation of {name} (from {origin}, planned to clear on {date}) today. The reason is kept in the audit trail.</source>
        <translation>今天结束 {name} 的观察（来自 {origin}，原定 {date} 解除）。原因将记入审计日志。</translation>
    </message>
    <message>
        <source>End observation</source>
        <translation>结束观察</translation>
    </message>
    <message>
        <source>For example: negative test result, confirmed by the clinic</source>
        <translation>例如：检测结果阴性，经医务室确认</translation>
    </message>
    <message>
        <source>The observation of {name} was ended early.</source>
        <translation>{name} 的观察已提前结束。</translation>
    </message>
    <message>
        <source>Record travel…</source>
        <translation>登记行程…</translation>
    </message>
    <message>
        <source>End early…</source>
        <translation>提前结束…</translation>
    </message>
    <message>
        <source>Under observation today</source>
        <translation>今天观察中</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到达日期</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Clears on</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>最高体温</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>测温次数</translation>
    </message>
    <message>
        <source>Declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>Nobody is under observation today.</source>
        <translation>今天没有观察中的人员。</translation>
    </message>
    <message>
        <source>No readings yet.</source>
        <translation>还没有体温记录。</translation>
    </message>
</context>
<context>
    <name>OnSitePage</name>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <source>Forgotten check-outs are closed automatically at {time} every day and marked as automatic exits.</source>
        <translation>每天 {time} 自动为忘记离场登记的人员登记离场，并标记为自动离场。</translation>
    </message>
    <message>
        <source>Save the evacuation roll call</source>
        <translation>保存紧急疏散点名表</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The evacuation roll call ({count} people) was saved to {path}.</source>
        <translation>紧急疏散点名表（{count} 人）已保存到 {path}。</translation>
    </message>
    <message>
        <source>Evacuation roll call (PDF)…</source>
        <translation>紧急疏散点名表（PDF）…</translation>
    </message>
    <message>
        <source>Everybody on site now, by department, with a box to tick for each</source>
        <translation>当前在场的所有人员，按部门列出，每人一个勾选框</translation>
    </message>
    <message>
        <source>By department</source>
        <translation>按部门</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>People on site</source>
        <translation>在场人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>In since</source>
        <translation>进入时间</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Nobody is on site.</source>
        <translation>目前无人在场。</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Add a person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Add a person to the registry</source>
        <translation>向人员名册添加人员</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Edit a person</source>
        <translation>编辑人员</translation>
    </message>
    <message>
        <source>Edit {name} ({staff_no})</source>
        <translation>编辑 {name}（{staff_no}）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Required, e.g. 1001</source>
        <translation>必填，例如 1001</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>A new staff number keeps the person&apos;s badge valid: a badge names the person, not the number.</source>
        <translation>更改工号后，此人的工牌仍然有效：工牌对应的是人，而不是工号。</translation>
    </message>
    <message>
        <source>Print the person&apos;s badge from the registry once they are added.</source>
        <translation>添加后，可在人员名册中为此人打印工牌。</translation>
    </message>
</context>
<context>
    <name>PersonFileDialog</name>
    <message>
        <source>{name} ({staff_no}): person file</source>
        <translation>{name}（{staff_no}）：人员档案</translation>
    </message>
    <message>
        <source>Under observation until {day}</source>
        <translation>医学观察至 {day}</translation>
    </message>
    <message>
        <source>No entries or exits recorded.</source>
        <translation>没有出入记录。</translation>
    </message>
    <message>
        <source>{count} entries and exits, newest first. Italic values were corrected after the event.</source>
        <translation>共 {count} 条出入记录，最新的在前。斜体的数值是事后更正的。</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前有效</translation>
    </message>
    <message>
        <source>Replaced on {day}</source>
        <translation>{day} 被替换</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已被替换</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>At a gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>On a phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{field}: removed by retention</source>
        <translation>{field}：已按保留期限删除</translation>
    </message>
    <message>
        <source>{field}: moved to another person</source>
        <translation>{field}：改为另一人</translation>
    </message>
    <message>
        <source>Travel history only</source>
        <translation>仅记录行程</translation>
    </message>
    <message>
        <source>Ended early on {day}</source>
        <translation>{day} 提前结束</translation>
    </message>
    <message>
        <source>Starts on {day}</source>
        <translation>{day} 开始</translation>
    </message>
    <message>
        <source>Under observation, clears on {day}</source>
        <translation>观察中，{day} 解除</translation>
    </message>
    <message>
        <source>Cleared on {day}</source>
        <translation>{day} 已解除</translation>
    </message>
    <message>
        <source>Daily temperatures</source>
        <translation>每日体温</translation>
    </message>
    <message>
        <source>Choose an observation above to see its daily temperatures.</source>
        <translation>在上方选择一次医学观察，查看其每日体温。</translation>
    </message>
    <message>
        <source>{origin} is not a listed region: no observation was started.</source>
        <translation>{origin} 不在重点地区名单中：未开始医学观察。</translation>
    </message>
    <message>
        <source>No observation chosen.</source>
        <translation>未选择医学观察。</translation>
    </message>
    <message>
        <source>Daily highest temperature after {origin}, {first} to {last}</source>
        <translation>自 {origin} 返回后每日最高体温，{first} 至 {last}</translation>
    </message>
    <message>
        <source>{days} days: screened on {screened}, declared on {declared}, raised temperature on {fever}.</source>
        <translation>共 {days} 天：{screened} 天测过体温，{declared} 天做了健康申报，{fever} 天体温偏高。</translation>
    </message>
    <message>
        <source>no reading</source>
        <translation>无读数</translation>
    </message>
    <message>
        <source>declared</source>
        <translation>已申报</translation>
    </message>
    <message>
        <source>no declaration</source>
        <translation>未申报</translation>
    </message>
    <message>
        <source>Fever from {value} °C</source>
        <translation>发热阈值 {value} °C</translation>
    </message>
    <message>
        <source>Daily highest temperature during the observation</source>
        <translation>医学观察期间的每日最高体温</translation>
    </message>
    <message>
        <source>No readings yet.</source>
        <translation>暂无读数。</translation>
    </message>
    <message>
        <source>Recorded: {name} is under observation until {day}.</source>
        <translation>已记录：{name} 医学观察至 {day}。</translation>
    </message>
    <message>
        <source>Recorded as travel history: {origin} is not a listed region.</source>
        <translation>已记录为行程：{origin} 不在重点地区名单中。</translation>
    </message>
    <message>
        <source>Person file</source>
        <translation>人员档案</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Record travel…</source>
        <translation>记录行程…</translation>
    </message>
    <message>
        <source>Officers only</source>
        <translation>仅限安全员</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Entries and exits</source>
        <translation>出入记录</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Declarations</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>Amendments</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <source>Travel and observation</source>
        <translation>行程与医学观察</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>发放时间</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>For the day</source>
        <translation>申报日期</translation>
    </message>
    <message>
        <source>Declared at</source>
        <translation>申报时间</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>申报方式</translation>
    </message>
    <message>
        <source>Symptoms</source>
        <translation>症状</translation>
    </message>
    <message>
        <source>Places visited</source>
        <translation>去过的地方</translation>
    </message>
    <message>
        <source>Contact with a confirmed case</source>
        <translation>接触过确诊病例</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>记录时间</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>更正内容</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>更正人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>更正时间</translation>
    </message>
    <message>
        <source>Coming from</source>
        <translation>出发地</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>抵达日期</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>医学观察</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <source>Type a name, staff number or phone number.</source>
        <translation>输入姓名、工号或电话号码。</translation>
    </message>
    <message>
        <source>Nobody found.</source>
        <translation>未找到任何人。</translation>
    </message>
    <message>
        <source>1 person found.</source>
        <translation>找到 1 人。</translation>
    </message>
    <message>
        <source>{count} people found.</source>
        <translation>找到 {count} 人。</translation>
    </message>
    <message>
        <source>Search the registry</source>
        <translation>在名册中搜索</translation>
    </message>
</context>
<context>
    <name>PersonTexts</name>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>承包商</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>No badge yet</source>
        <translation>尚未发放工牌</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>第 {version} 版</translation>
    </message>
</context>
<context>
    <name>RecordTravelDialog</name>
    <message>
        <source>A journey from a listed region starts an observation of {days} days.</source>
        <translation>从重点地区返回将开始为期 {days} 天的观察。</translation>
    </message>
    <message>
        <source>{origin} is a listed region: under observation for {days} days, cleared on {date}. A health declaration is asked for every day.</source>
        <translation>{origin} 是重点地区：观察 {days} 天，{date} 解除。观察期内每天都需要健康申报。</translation>
    </message>
    <message>
        <source>{origin} is not a listed region: recorded as travel history, without observation.</source>
        <translation>{origin} 不是重点地区：仅登记为行程记录，不需要观察。</translation>
    </message>
    <message>
        <source>Record travel</source>
        <translation>登记行程</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>出发地</translation>
    </message>
    <message>
        <source>City or region</source>
        <translation>城市或地区</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>到达日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional: flight, train, who reported it</source>
        <translation>选填：航班、车次、报告人</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>{count} people</source>
        <extracomment>The personal code, large, above the translated note (markup only). The personal code made last (shown once in a dialog; tests read it).</extracomment>
        <translation>共 {count} 人</translation>
    </message>
    <message>
        <source>{shown} of {total} people</source>
        <translation>显示 {shown} 人，共 {total} 人</translation>
    </message>
    <message>
        <source>Reactivate…</source>
        <translation>重新启用…</translation>
    </message>
    <message>
        <source>Deactivate…</source>
        <translation>停用…</translation>
    </message>
    <message>
        <source>Badges of the {count} selected people (PDF)…</source>
        <translation>所选 {count} 人的工牌（PDF）…</translation>
    </message>
    <message>
        <source>Badge of the selected person…</source>
        <translation>所选人员的工牌…</translation>
    </message>
    <message>
        <source>Officers only</source>
        <translation>仅限安全员</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Added {name} ({staff_no}) to the registry.</source>
        <translation>已将 {name}（{staff_no}）添加到人员名册。</translation>
    </message>
    <message>
        <source>Saved the changes to {name} ({staff_no}).</source>
        <translation>已保存对 {name}（{staff_no}）的修改。</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Deactivate {name} ({staff_no})? Their badge is refused at every gate until they are reactivated. Their records stay.</source>
        <translation>停用 {name}（{staff_no}）？在重新启用之前，所有门岗都会拒绝此人的工牌。此人的记录会保留。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) is deactivated: their badge no longer opens the gate.</source>
        <translation>{name}（{staff_no}）已停用：其工牌不能再通过门岗。</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Reactivate {name} ({staff_no})? Their current badge works again.</source>
        <translation>重新启用 {name}（{staff_no}）？其当前工牌将恢复有效。</translation>
    </message>
    <message>
        <source>{name} ({staff_no}) is active again.</source>
        <translation>{name}（{staff_no}）已重新启用。</translation>
    </message>
    <message>
        <source>Photo of {name}</source>
        <translation>{name} 的照片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.bmp *.webp);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.bmp *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Saved the photo of {name}.</source>
        <translation>已保存 {name} 的照片。</translation>
    </message>
    <message>
        <source>Select the people whose badges to print.</source>
        <translation>请先选择要打印工牌的人员。</translation>
    </message>
    <message>
        <source>Saved the badge of {name} to {file}.</source>
        <translation>已将 {name} 的工牌保存到 {file}。</translation>
    </message>
    <message>
        <source>Saved {count} badges to {file}.</source>
        <translation>已将 {count} 张工牌保存到 {file}。</translation>
    </message>
    <message>
        <source>Writing badges…</source>
        <translation>正在生成工牌…</translation>
    </message>
    <message>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF sheet for printing (*.pdf)</source>
        <translation>用于打印的 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save badges</source>
        <translation>保存工牌</translation>
    </message>
    <message>
        <source>Re-issue badge</source>
        <translation>补发工牌</translation>
    </message>
    <message>
        <source>Re-issue the badge of {name} ({staff_no})? The badge they have now stops working at every gate at once; print the new one and hand it over.</source>
        <translation>为 {name}（{staff_no}）补发工牌？此人现有的工牌将立即在所有门岗失效；请打印新工牌并交给本人。</translation>
    </message>
    <message>
        <source>Re-issue</source>
        <translation>补发</translation>
    </message>
    <message>
        <source>{name} has a new badge (version {version}); the old one no longer works. Print the new one from Badges.</source>
        <translation>{name} 已有新工牌（第 {version} 版），旧工牌已失效。请在“工牌”菜单中打印新工牌。</translation>
    </message>
    <message>
        <source>New personal code</source>
        <translation>新建个人码</translation>
    </message>
    <message>
        <source>Make a new personal code for {name} ({staff_no})? They sign their daily declarations on their phone with their staff number and this code. It is shown once only; any earlier code stops working.</source>
        <translation>为 {name}（{staff_no}）新建个人码？此人在手机上凭工号和该个人码进行每日健康申报。个人码只显示一次，之前的个人码将立即失效。</translation>
    </message>
    <message>
        <source>Make code</source>
        <translation>新建个人码</translation>
    </message>
    <message>
        <source>Personal code of {name}</source>
        <translation>{name} 的个人码</translation>
    </message>
    <message>
        <source>Personal code of {name} ({staff_no}):</source>
        <translation>{name}（{staff_no}）的个人码：</translation>
    </message>
    <message>
        <source>Give it to them now: it is not shown again, and it is stored only in a form nobody can read back.</source>
        <translation>请现在交给本人：个人码不会再次显示，系统只保存无法还原的加密形式。</translation>
    </message>
    <message>
        <source>{name} has a new personal code.</source>
        <translation>{name} 已有新的个人码。</translation>
    </message>
    <message>
        <source>Search by name, staff number, phone or department</source>
        <translation>按姓名、工号、手机号或部门搜索</translation>
    </message>
    <message>
        <source>Search the registry</source>
        <translation>搜索人员名册</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Contractors</source>
        <translation>承包商</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Active and inactive</source>
        <translation>在用和已停用</translation>
    </message>
    <message>
        <source>Active only</source>
        <translation>仅在用</translation>
    </message>
    <message>
        <source>Inactive only</source>
        <translation>仅已停用</translation>
    </message>
    <message>
        <source>Kind of person</source>
        <translation>人员类型</translation>
    </message>
    <message>
        <source>Active or not</source>
        <translation>是否在用</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Badge sheet of everyone active (PDF)…</source>
        <translation>所有在用人员的工牌（PDF）…</translation>
    </message>
    <message>
        <source>Re-issue badge (the old one stops working)…</source>
        <translation>补发工牌（旧工牌失效）…</translation>
    </message>
    <message>
        <source>New personal code for phone declarations…</source>
        <translation>新建手机申报个人码…</translation>
    </message>
</context>
<context>
    <name>ScanningScreen</name>
    <message>
        <source>Camera not available</source>
        <extracomment>The side of the self-service QR code, in pixels: about 4 px a module for an address of up to 60 characters, which a phone reads from an arm&apos;s length. The prompt&apos;s size (style.py, QLabel#KPrompt) and the least it shrinks to for a long text. The self-service address: set by set_self_service_url(), else read from the kiosk window&apos;s settings each time the screen shows.</extracomment>
        <translation>摄像头不可用</translation>
    </message>
    <message>
        <source>Reconnecting automatically. Meanwhile, use “Forgot badge”.</source>
        <translation>正在自动重新连接。在此期间，请使用“忘带工牌”。</translation>
    </message>
    <message>
        <source>Starting the camera…</source>
        <translation>正在启动摄像头…</translation>
    </message>
    <message>
        <source>Camera stopped</source>
        <translation>摄像头已停止</translation>
    </message>
    <message>
        <source>Guard on duty: {name}</source>
        <translation>值班门卫：{name}</translation>
    </message>
    <message>
        <source>Self-service · no guard present</source>
        <translation>自助模式 · 无门卫值守</translation>
    </message>
    <message>
        <source>Show your badge</source>
        <translation>请出示工牌</translation>
    </message>
    <message>
        <source>Hold the QR code of your badge up to the camera.</source>
        <translation>请将工牌上的二维码对准摄像头。</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>Forgot badge</source>
        <translation>忘带工牌</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>End shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <source>Visitors and daily declarations: scan with your phone.</source>
        <translation>访客登记、员工每日申报：请用手机扫码。</translation>
    </message>
</context>
<context>
    <name>ScreeningPage</name>
    <message>
        <source>= {value} °F</source>
        <translation>= {value} °F</translation>
    </message>
    <message>
        <source>Most sites use {usual} °C. Check that {value} °C is what your health authority asks for.</source>
        <translation>大多数厂区使用 {usual} °C。请确认 {value} °C 符合卫生主管部门的要求。</translation>
    </message>
    <message>
        <source>Type a fever threshold between {low} and {high} °C.</source>
        <translation>请输入 {low} 到 {high} °C 之间的发热阈值。</translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation>发热阈值</translation>
    </message>
    <message>
        <source>Readings typed in</source>
        <translation>体温输入单位</translation>
    </message>
    <message>
        <source>&amp;Fever threshold</source>
        <translation>发热阈值(&amp;F)</translation>
    </message>
    <message>
        <source>A reading at or above this asks for a second reading; a second one at or above it denies entry. Readings outside {low}–{high} °C are measurement errors: the kiosk asks to measure again and never stores them.</source>
        <translation>读数达到或超过此值时需要复测；复测仍达到或超过此值则禁止进入。{low}–{high} °C 以外的读数属于测量错误：终端会要求重新测量，且不会保存。</translation>
    </message>
    <message>
        <source>&amp;Unit the guards type in</source>
        <translation>门卫输入单位(&amp;U)</translation>
    </message>
    <message>
        <source>°C (Celsius)</source>
        <translation>°C（摄氏度）</translation>
    </message>
    <message>
        <source>°F (Fahrenheit)</source>
        <translation>°F（华氏度）</translation>
    </message>
    <message>
        <source>Records are kept in °C whichever unit is typed. An admin can change both later in the console&apos;s settings.</source>
        <translation>无论输入哪种单位，记录都按 °C 保存。管理员之后可在控制台的设置中修改这两项。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>No purge has run yet. The console runs one once a day.</source>
        <translation>尚未进行过清理。控制台每天自动清理一次。</translation>
    </message>
    <message>
        <source>Last purge: {time}. The console runs one once a day.</source>
        <translation>上次清理：{time}。控制台每天自动清理一次。</translation>
    </message>
    <message>
        <source>Records on hold ({count})</source>
        <translation>保留的记录（{count}）</translation>
    </message>
    <message>
        <source>The screening settings were saved.</source>
        <translation>筛查设置已保存。</translation>
    </message>
    <message>
        <source>Give the address the kiosk sends its records to.</source>
        <translation>请填写终端上传记录的地址。</translation>
    </message>
    <message>
        <source>The kiosk settings were saved. They take effect when the kiosk starts next.</source>
        <translation>门岗终端设置已保存，下次启动终端时生效。</translation>
    </message>
    <message>
        <source>The observation settings were saved.</source>
        <translation>观察设置已保存。</translation>
    </message>
    <message>
        <source>The retention settings were saved.</source>
        <translation>保存期限设置已保存。</translation>
    </message>
    <message>
        <source>{events} screening events (with {readings} readings, {amendments} amendments and {acks} alert acknowledgements); the raw temperatures of {stripped} more events ({stripped_readings} readings); {declarations} health declarations; {visits} visits.</source>
        <translation>{events} 条筛查记录（含 {readings} 条体温读数、{amendments} 条更正和 {acks} 条警报处理）；另有 {stripped} 条记录的原始体温（{stripped_readings} 条读数）；{declarations} 份健康申报；{visits} 次来访。</translation>
    </message>
    <message>
        <source>Purged at {time}: {counts}</source>
        <translation>已于 {time} 清理：{counts}</translation>
    </message>
    <message>
        <source>A purge now would remove {counts}</source>
        <translation>现在清理将删除 {counts}</translation>
    </message>
    <message>
        <source>The records of {count} people on hold are kept.</source>
        <translation>保留中的 {count} 人的记录不会被删除。</translation>
    </message>
    <message>
        <source>Preview what the retention periods would remove now; nothing is changed until you purge.</source>
        <translation>预览按保存期限现在会删除哪些记录；在执行清理之前不会做任何更改。</translation>
    </message>
    <message>
        <source>Purge old records</source>
        <translation>清理过期记录</translation>
    </message>
    <message>
        <source>Delete every record older than the retention periods now? Records on hold are kept. This cannot be undone; the purge is recorded in the audit trail.</source>
        <translation>现在删除所有超过保存期限的记录吗？保留中的记录不受影响。此操作无法撤销，清理将记入审计日志。</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>清理</translation>
    </message>
    <message>
        <source>The purge removed {count} records.</source>
        <translation>清理删除了 {count} 条记录。</translation>
    </message>
    <message>
        <source>The records of {name} are on hold.</source>
        <translation>{name} 的记录已保留。</translation>
    </message>
    <message>
        <source>The hold was released.</source>
        <translation>已解除保留。</translation>
    </message>
    <message>
        <source>Only an admin can change the screening and retention settings; you see them read-only. You can change the observation settings and put records on hold.</source>
        <translation>只有管理员可以更改筛查和保存期限设置，您只能查看。您可以更改观察设置并保留记录。</translation>
    </message>
    <message>
        <source>Screening</source>
        <translation>筛查</translation>
    </message>
    <message>
        <source>Observation</source>
        <translation>观察</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>门岗终端</translation>
    </message>
    <message>
        <source>The kiosk on this computer</source>
        <translation>本机的门岗终端</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>A camera number (0, 1, ...), a video file, a folder of pictures, or demo.</source>
        <translation>摄像头编号（0、1……）、视频文件、图片文件夹，或 demo（演示）。</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>manual (typed), hid (a USB thermometer that types), serial:PORT,BAUD, or sim:36.6 for a demonstration.</source>
        <translation>manual（手动输入）、hid（模拟键盘输入的 USB 体温计）、serial:端口,波特率，或用于演示的 sim:36.6。</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Attended: a guard signs in with a PIN. Unattended: people screen themselves.</source>
        <translation>有人值守：门卫用 PIN 码登录。无人值守：人员自助测温。</translation>
    </message>
    <message>
        <source>Send records to</source>
        <translation>记录上传到</translation>
    </message>
    <message>
        <source>As the kiosk runs, in the background; screening never waits for the network.</source>
        <translation>终端运行时在后台上传；测温从不等待网络。</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>postgresql+psycopg://user@host/gatekeeper, or https://... for a platform that takes the signed batches.</source>
        <translation>postgresql+psycopg://用户@主机/gatekeeper，或接收签名批次的平台地址 https://…</translation>
    </message>
    <message>
        <source>Attended (a guard)</source>
        <translation>有人值守（门卫）</translation>
    </message>
    <message>
        <source>Unattended (self-service)</source>
        <translation>无人值守（自助）</translation>
    </message>
    <message>
        <source>Nowhere (files carried by hand)</source>
        <translation>不上传（人工拷贝文件）</translation>
    </message>
    <message>
        <source>The central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <source>An HTTPS receiver</source>
        <translation>HTTPS 接收端</translation>
    </message>
    <message>
        <source>Screening at the gates</source>
        <translation>门岗筛查</translation>
    </message>
    <message>
        <source>Fever threshold</source>
        <translation>发热阈值</translation>
    </message>
    <message>
        <source>A reading at or above this asks for a second reading; a second one at or above it denies entry.</source>
        <translation>体温达到或超过此值需要复测；复测仍达到或超过此值则拒绝通行。</translation>
    </message>
    <message>
        <source>Duplicate-scan window</source>
        <translation>重复扫描间隔</translation>
    </message>
    <message>
        <source>The same person in the same direction within this time is not recorded again.</source>
        <translation>同一人在此时间内同一方向再次扫描不重复记录。</translation>
    </message>
    <message>
        <source>Temperature unit</source>
        <translation>温度单位</translation>
    </message>
    <message>
        <source>The unit guards type readings in.</source>
        <translation>门卫输入体温时使用的单位。</translation>
    </message>
    <message>
        <source>Result shown for</source>
        <translation>结果显示时长</translation>
    </message>
    <message>
        <source>How long the kiosk shows a result before it scans again.</source>
        <translation>筛查终端显示结果多久后继续扫描。</translation>
    </message>
    <message>
        <source>Health declaration</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>People under observation always declare, whatever this says.</source>
        <translation>观察中的人员无论此项如何设置都需要申报。</translation>
    </message>
    <message>
        <source>Automatic check-out</source>
        <translation>自动离场登记</translation>
    </message>
    <message>
        <source>Who is still on site at this time gets an exit marked automatic.</source>
        <translation>到此时间仍在场的人员将被登记离场，并标记为自动离场。</translation>
    </message>
    <message>
        <source>Required of everyone, every day</source>
        <translation>所有人每天必须申报</translation>
    </message>
    <message>
        <source> s</source>
        <comment>seconds, after a number</comment>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Returnees under observation</source>
        <translation>返程人员观察</translation>
    </message>
    <message>
        <source>Listed regions</source>
        <translation>重点地区</translation>
    </message>
    <message>
        <source>One per line. A returnee from one of these is put under observation.</source>
        <translation>每行一个。从这些地区返回的人员将进入观察期。</translation>
    </message>
    <message>
        <source>Observation length</source>
        <translation>观察期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Changing it does not move the clearance dates of running observations.</source>
        <translation>修改后不影响正在进行的观察的解除日期。</translation>
    </message>
    <message>
        <source>How long records are kept</source>
        <translation>记录保存期限</translation>
    </message>
    <message>
        <source>Raw temperatures</source>
        <translation>原始体温</translation>
    </message>
    <message>
        <source>Health declarations</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>Screening events and visits</source>
        <translation>筛查记录和来访</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Purge now…</source>
        <translation>立即清理…</translation>
    </message>
    <message>
        <source>The records of people on hold (a fever case under investigation) are never purged.</source>
        <translation>保留中人员（例如正在调查的发热病例）的记录不会被清理。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Staff no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Put on hold…</source>
        <translation>保留记录…</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除保留</translation>
    </message>
    <message>
        <source>Records on hold</source>
        <translation>保留的记录</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Kiosk settings</source>
        <translation>终端设置</translation>
    </message>
    <message>
        <source>Unlocked by {name}</source>
        <translation>由 {name} 解锁</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>End guard&apos;s shift</source>
        <translation>门卫交班</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>关闭终端</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>返回扫码</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Too many failed attempts. Try again in {seconds} s.</source>
        <translation>失败次数过多，请 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>This account may not open the console: only officers and admins can.</source>
        <translation>此账号无权打开控制台：只有安全员和管理员可以登录。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Signing in failed ({error}). The details are in the log file.</source>
        <translation>登录失败（{error}），详细信息已写入日志文件。</translation>
    </message>
    <message>
        <source>gatekeeper console — sign in</source>
        <translation>gatekeeper 控制台 — 登录</translation>
    </message>
    <message>
        <source>Officer console</source>
        <translation>安全员控制台</translation>
    </message>
    <message>
        <source>Sign in with an officer or admin account.</source>
        <translation>请使用安全员或管理员账号登录。</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>用户名(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <source>Choose your name first.</source>
        <translation>请先选择您的名字。</translation>
    </message>
    <message>
        <source>Guard sign-in</source>
        <translation>门卫签到</translation>
    </message>
    <message>
        <source>Choose your name and enter your PIN to start the shift.</source>
        <translation>选择您的名字并输入 PIN 码，开始值班。</translation>
    </message>
    <message>
        <source>Guard</source>
        <translation>门卫</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>签到</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>No guard accounts yet. An officer adds them on this computer with: gatekeeper user add --role guard --username NAME</source>
        <translation>还没有门卫账号。请安全员在这台电脑上用以下命令添加：gatekeeper user add --role guard --username NAME</translation>
    </message>
</context>
<context>
    <name>SitePage</name>
    <message>
        <source>Type the name of the site.</source>
        <translation>请输入厂区名称。</translation>
    </message>
    <message>
        <source>Type the name of this gate.</source>
        <translation>请输入本门岗名称。</translation>
    </message>
    <message>
        <source>The name contains invisible control characters, perhaps pasted from elsewhere. Type it again.</source>
        <translation>名称中含有不可见的控制字符，可能是从别处粘贴而来。请重新输入。</translation>
    </message>
    <message>
        <source>Choose the time zone.</source>
        <translation>请选择时区。</translation>
    </message>
    <message>
        <source>“{zone}” is not a time zone this computer knows. Choose one from the list, such as Asia/Shanghai.</source>
        <translation>本机不认识时区“{zone}”。请从列表中选择，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>厂区</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>门岗</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>&amp;Site name</source>
        <translation>厂区名称(&amp;S)</translation>
    </message>
    <message>
        <source>For example: Shenzhen Plant 2</source>
        <translation>例如：深圳二厂</translation>
    </message>
    <message>
        <source>The factory or campus, as people there call it.</source>
        <translation>工厂或园区的名称，按大家平时的叫法填写。</translation>
    </message>
    <message>
        <source>&amp;Gate name</source>
        <translation>门岗名称(&amp;G)</translation>
    </message>
    <message>
        <source>For example: North Gate</source>
        <translation>例如：北门</translation>
    </message>
    <message>
        <source>The entrance where this computer stands.</source>
        <translation>这台电脑所在的出入口。</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>时区(&amp;T)</translation>
    </message>
    <message>
        <source>Times are stored in UTC and shown to people in this zone.</source>
        <translation>时间统一按 UTC 保存，显示时换算为此时区。</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Nothing has been saved yet. Create writes all of this at once; if anything fails, nothing is kept and you can correct it here.</source>
        <translation>目前还没有保存任何内容。点击“创建”会一次性写入以上全部设置；如果出现任何错误，不会保留任何内容，您可以在这里修改后重试。</translation>
    </message>
</context>
<context>
    <name>SyncStrip</name>
    <message>
        <source>Sync: starting…</source>
        <translation>同步：正在启动…</translation>
    </message>
    <message>
        <source>Sync: {pending} records waiting · last sent {last} · error: {error} · retrying at {retry}</source>
        <translation>同步：{pending} 条记录待上传 · 上次上传 {last} · 错误：{error} · {retry} 重试</translation>
    </message>
    <message>
        <source>Sync: {pending} records waiting · last sent {last}</source>
        <translation>同步：{pending} 条记录待上传 · 上次上传 {last}</translation>
    </message>
    <message>
        <source>Sync: everything sent · {last}</source>
        <translation>同步：全部已上传 · {last}</translation>
    </message>
    <message>
        <source>{n} files refused</source>
        <translation>{n} 个文件被拒收</translation>
    </message>
</context>
<context>
    <name>TemperatureScreen</name>
    <message>
        <source>Measuring… hold still in front of the thermometer.</source>
        <extracomment>What may be typed: a number with one decimal separator, an optional degree sign and unit.</extracomment>
        <translation>正在测量…请在体温计前保持不动。</translation>
    </message>
    <message>
        <source>Second reading</source>
        <translation>第二次测量</translation>
    </message>
    <message>
        <source>First reading: {value}</source>
        <translation>第一次读数：{value}</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>体温</translation>
    </message>
    <message>
        <source>Stand in front of the thermometer. The reading appears by itself.</source>
        <translation>请站在体温计前，读数会自动显示。</translation>
    </message>
    <message>
        <source>Take the temperature and type it in °F, for example 97.9.</source>
        <translation>测量体温后以 °F 输入，例如 97.9。</translation>
    </message>
    <message>
        <source>Take the temperature and type it in °C, for example 36.6.</source>
        <translation>测量体温后以 °C 输入，例如 36.6。</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Measure again</source>
        <translation>重新测量</translation>
    </message>
</context>
<context>
    <name>ThermometerPage</name>
    <message>
        <source>Guards type each reading on the kiosk&apos;s keypad: there is nothing to test.</source>
        <translation>门卫在终端的数字键盘上输入每次读数：无需测试。</translation>
    </message>
    <message>
        <source>Choose or type the serial port of the thermometer, such as /dev/ttyUSB0 or COM3.</source>
        <translation>请选择或输入体温计的串口，例如 /dev/ttyUSB0 或 COM3。</translation>
    </message>
    <message>
        <source>“{value}” is not a reading. Type a temperature such as 36.6 or 97.9F.</source>
        <translation>“{value}”不是有效读数。请输入体温，例如 36.6 或 97.9F。</translation>
    </message>
    <message>
        <source>This thermometer cannot be used: {detail}</source>
        <translation>无法使用此体温计：{detail}</translation>
    </message>
    <message>
        <source>Take a reading with the thermometer now: it types the value into the field above.</source>
        <translation>请现在用体温计测量一次：读数会自动输入到上面的输入框。</translation>
    </message>
    <message>
        <source>The thermometer cannot be opened: {detail}</source>
        <translation>无法打开体温计：{detail}</translation>
    </message>
    <message>
        <source>Waiting for a reading from {device}… Take a reading with the thermometer now.</source>
        <translation>正在等待 {device} 的读数…请现在用体温计测量一次。</translation>
    </message>
    <message>
        <source>The thermometer sent {text}, which is outside the plausible range of body temperatures: measure a person, not the room.</source>
        <translation>体温计发送了 {text}，超出了人体体温的合理范围：请测量人体，而不是环境温度。</translation>
    </message>
    <message>
        <source>The thermometer sent “{text}”, which is not a temperature.</source>
        <translation>体温计发送的“{text}”不是温度。</translation>
    </message>
    <message>
        <source>Reading received: {value}. The thermometer works.</source>
        <translation>已收到读数：{value}。体温计工作正常。</translation>
    </message>
    <message>
        <source>The thermometer did not answer: {detail}</source>
        <translation>体温计没有响应：{detail}</translation>
    </message>
    <message>
        <source>No reading arrived within {seconds} s. Check the cable and the port, then take a reading with the thermometer while the test waits.</source>
        <translation>{seconds} 秒内没有收到读数。请检查连接线和端口，然后在测试等待期间用体温计测量一次。</translation>
    </message>
    <message>
        <source>Serial port {port} ({baud} baud)</source>
        <translation>串口 {port}（{baud} 波特）</translation>
    </message>
    <message>
        <source>Simulated, always {value}</source>
        <translation>模拟体温计，固定为 {value}</translation>
    </message>
    <message>
        <source>USB thermometer that types its readings</source>
        <translation>自动输入读数的 USB 体温计</translation>
    </message>
    <message>
        <source>Typed by the guard</source>
        <translation>门卫手动输入</translation>
    </message>
    <message>
        <source>Thermometer</source>
        <translation>体温计</translation>
    </message>
    <message>
        <source>How temperatures reach the kiosk</source>
        <translation>体温读数如何进入终端</translation>
    </message>
    <message>
        <source>The guard types each reading on the kiosk&apos;s keypad.</source>
        <translation>门卫在终端的数字键盘上输入每次读数。</translation>
    </message>
    <message>
        <source>It types the value and Enter, like a keyboard (a keyboard wedge).</source>
        <translation>它像键盘一样输入数值并回车（键盘楔）。</translation>
    </message>
    <message>
        <source>Thermometer on a serial port</source>
        <translation>串口体温计</translation>
    </message>
    <message>
        <source>It sends a line of text per reading; choose its port and speed.</source>
        <translation>每次测量发送一行文本；请选择端口和波特率。</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>模拟体温计</translation>
    </message>
    <message>
        <source>Always answers with this value: for demonstrations and training.</source>
        <translation>总是返回此数值：用于演示和培训。</translation>
    </message>
    <message>
        <source>Port, such as COM3</source>
        <translation>端口，例如 COM3</translation>
    </message>
    <message>
        <source>Take a test reading</source>
        <translation>测试读数</translation>
    </message>
    <message>
        <source>The thermometer types here</source>
        <translation>体温计会在这里输入</translation>
    </message>
</context>
<context>
    <name>TravelDialog</name>
    <message>
        <source>Record travel</source>
        <translation>记录行程</translation>
    </message>
    <message>
        <source>Travel of {name} ({staff_no})</source>
        <translation>{name}（{staff_no}）的行程</translation>
    </message>
    <message>
        <source>Coming back from a listed region starts an observation: a health declaration every day at the gate until it clears. Travel from anywhere else is kept as travel history.</source>
        <translation>从重点地区返回将开始医学观察：解除之前每天须在门岗做健康申报。从其他地方返回只记录为行程。</translation>
    </message>
    <message>
        <source>Coming from</source>
        <translation>出发地</translation>
    </message>
    <message>
        <source>Arrived on</source>
        <translation>抵达日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>City or region, e.g. 武汉</source>
        <translation>城市或地区，例如 武汉</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Officer sign-in</source>
        <translation>安全员登录</translation>
    </message>
    <message>
        <source>An officer or an admin must sign in to change the kiosk.</source>
        <translation>更改终端设置须由安全员或管理员登录。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>VisitorPassScreen</name>
    <message>
        <source>Visitor pass</source>
        <translation>访客通行证</translation>
    </message>
    <message>
        <source>Valid until {time} today</source>
        <translation>今日 {time} 前有效</translation>
    </message>
    <message>
        <source>Photograph this code with your phone, or print it. Show it to the camera to enter and leave today.</source>
        <translation>请用手机拍下此二维码，或打印出来。今天进出时向摄像头出示即可。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>VisitorScreen</name>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>请修改标红的内容。</translation>
    </message>
    <message>
        <source>Visitor registration</source>
        <translation>访客登记</translation>
    </message>
    <message>
        <source>For visitors and contractors. Fields marked * are required.</source>
        <translation>适用于访客和承包商。带 * 的为必填项。</translation>
    </message>
    <message>
        <source>Whom are you visiting?</source>
        <translation>您拜访哪位？</translation>
    </message>
    <message>
        <source>Mobile number</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <source>I am a</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Health declaration</source>
        <translation>健康申报</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>承包商</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Register and take temperature</source>
        <translation>登记并测体温</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Language</source>
        <extracomment>A threshold outside this band is allowed, with a word of caution. An input changed: the wizard clears the message shown and looks at Next again. Return was pressed in a field: the wizard goes on, as Next would.</extracomment>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language of the screens</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Guards and officers can switch it at any time with the switch at the top.</source>
        <translation>门卫和安全员随时可以用顶部的开关切换语言。</translation>
    </message>
    <message>
        <source>You will need</source>
        <translation>您需要准备</translation>
    </message>
    <message>
        <source>The names of the site and of this gate</source>
        <translation>厂区和本门岗的名称</translation>
    </message>
    <message>
        <source>A password for the administrator of gatekeeper</source>
        <translation>gatekeeper 管理员的密码</translation>
    </message>
    <message>
        <source>The camera and the thermometer plugged in, if this computer is a gate&apos;s kiosk: you can try them out here</source>
        <translation>如果这台电脑是门岗终端，请接好摄像头和体温计：可以在这里试用</translation>
    </message>
    <message>
        <source>About five minutes. Nothing is saved until you press Create at the end.</source>
        <translation>大约五分钟。在最后点击“创建”之前，不会保存任何内容。</translation>
    </message>
</context>
</TS>
