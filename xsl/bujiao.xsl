<?xml version="1.0" encoding="UTF-8"?>
<!--
  bujiao.xsl: 欠费补缴 (category jiaofei), cgi-bin/bujiao.c.  Views:
    form          单位员工欠费补缴: the owing persons (owing/person) to pick,
                  a 身份证号 search, 核定 (POST /bujiao/compute)
    all           单位全部清欠: the unit's owing and one button
    compute       the computed table (compute/total, compute/person/line)
                  before 保存 (POST /bujiao/save with picked/pid)
    task          the task: bujiao/total, bujiao/persons/person/line, the
                  receipts (print, .xlsx), 欠费补缴回退, submit/退单
    bills         生成欠费补缴单 / 欠费补缴回退: bills/task with bujiao
    confirm-list  reviewer: awaiting/task waiting for 缴费到帐确认
    confirm       reviewer: one 补缴 and the 到帐 form (税票号, 金额, 日期)
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="b" select="/page/bujiao"/>

  <!-- The totals per type and side of $node (compute or bujiao). -->
  <xsl:template name="totals">
    <xsl:param name="node"/>
    <table class="grid bujiao-totals">
      <thead>
        <tr><th>险种</th><th>缴费方</th><th>应缴金额(元)</th><th>滞纳金(元)</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$node/total">
          <tr>
            <td><xsl:value-of select="@type-name"/></td>
            <td><xsl:value-of select="@side-name"/></td>
            <td class="num"><xsl:value-of select="@amount"/></td>
            <td class="num"><xsl:value-of select="@late"/></td>
          </tr>
        </xsl:for-each>
        <tr class="sum">
          <th colspan="2">合计</th>
          <td class="num"><xsl:value-of select="$node/@amount"/></td>
          <td class="num"><xsl:value-of select="$node/@late"/></td>
        </tr>
        <tr class="sum">
          <th colspan="2">应缴总额(应缴 + 滞纳金)</th>
          <td class="num total" colspan="2"><strong><xsl:value-of select="$node/@total"/></strong></td>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <!-- The persons of $node with their lines (month × type × side). -->
  <xsl:template name="person-lines">
    <xsl:param name="persons"/>
    <table class="grid bujiao-lines">
      <thead>
        <tr><th>姓名</th><th>身份证号</th><th>费款所属期</th><th>险种</th><th>缴费方</th>
          <th>缴费基数</th><th>费率</th><th>应缴(元)</th><th>缴费期限</th><th>滞纳天数</th><th>滞纳金(元)</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$persons">
          <tr class="person-head">
            <td><xsl:value-of select="@name"/></td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td colspan="9">
              <xsl:value-of select="@first"/> 至 <xsl:value-of select="@last"/>(<xsl:value-of select="@months"/>个月):
              单位应缴 <xsl:value-of select="@unit"/> 元,个人应缴 <xsl:value-of select="@personal"/> 元,滞纳金 <xsl:value-of select="@late"/> 元
            </td>
          </tr>
          <xsl:for-each select="line">
            <tr>
              <td></td><td></td>
              <td><xsl:value-of select="@month"/></td>
              <td><xsl:value-of select="@type-name"/></td>
              <td><xsl:value-of select="@side-name"/></td>
              <td class="num"><xsl:value-of select="@base"/></td>
              <td class="num"><xsl:value-of select="@rate"/></td>
              <td class="num"><xsl:value-of select="@amount"/></td>
              <td><xsl:value-of select="@due"/></td>
              <td class="num"><xsl:value-of select="@days"/></td>
              <td class="num"><xsl:value-of select="@late"/></td>
            </tr>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:if test="not($persons)"><xsl:call-template name="empty-row"><xsl:with-param name="cols">11</xsl:with-param></xsl:call-template></xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- The rounding rule, said once under every table. -->
  <xsl:template name="rule-note">
    <p class="note">计算规则:每月每险种每一缴费方,应缴 = 缴费基数 × 费率,四舍五入到分;滞纳金 = 应缴 × 滞纳天数 × 日滞纳金率(政策设定,现行万分之五,《社会保险法》第八十六条),逐行四舍五入到分;所有参保险种同步处理。</p>
  </xsl:template>

  <!-- The owing persons of the unit, with checkboxes when $pick. -->
  <xsl:template name="owing">
    <xsl:param name="pick" select="true()"/>
    <xsl:variable name="o" select="/page/owing"/>
    <p class="note owing-sum">本单位欠费人数 <strong><xsl:value-of select="$o/@persons"/></strong> 人,共 <xsl:value-of select="$o/@months"/> 人月,欠费记录金额 <xsl:value-of select="$o/@amount"/> 元。</p>
    <table class="grid owing">
      <thead>
        <tr><xsl:if test="$pick"><th>选择</th></xsl:if><th>姓名</th><th>身份证号</th><th>欠费月份</th><th>月数</th><th>欠费记录金额(元)</th><th>状态</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$o/person">
          <tr>
            <xsl:if test="$pick">
              <td>
                <xsl:if test="@reserved = '0'"><input type="checkbox" name="pid" value="{@id}" id="pid-{@id}"/></xsl:if>
              </td>
            </xsl:if>
            <td><label for="pid-{@id}"><xsl:value-of select="@name"/></label></td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td><xsl:value-of select="@first"/> 至 <xsl:value-of select="@last"/></td>
            <td class="num"><xsl:value-of select="@months"/></td>
            <td class="num"><xsl:value-of select="@amount"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@reserved != '0'">已在补缴业务 <xsl:value-of select="@seq"/> 中,待到帐确认</xsl:when>
                <xsl:otherwise>欠费</xsl:otherwise>
              </xsl:choose>
              <xsl:call-template name="field-errors"><xsl:with-param name="name" select="concat('pid-', @id)"/></xsl:call-template>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($o/person)"><xsl:call-template name="empty-row"><xsl:with-param name="cols">7</xsl:with-param></xsl:call-template></xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="$o/@total"/>
      <xsl:with-param name="page" select="$o/@page"/>
      <xsl:with-param name="size" select="$o/@per-page"/>
      <xsl:with-param name="base-url" select="concat($path, substring('/all', 1, 4 * (/page/@view = 'all')), '?')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Errors not about one listed person. -->
  <xsl:template name="other-errors">
    <xsl:for-each select="/page/errors/error[@field = 'pid' or (starts-with(@field, 'pid-') and not(/page/owing/person[concat('pid-', @id) = current()/@field]))]">
      <div class="msg msg-error" role="alert"><xsl:value-of select="."/></div>
    </xsl:for-each>
  </xsl:template>

  <!-- The unit's recent 补缴 tasks (待办, then 已办). -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent/task">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位欠费补缴业务</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 单位员工欠费补缴: search, pick, 核定. -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <p class="note">勾选本单位欠费人员,点击「核定」计算各月各险种应缴金额及滞纳金,确认后保存并提交审批(系统自动审核)。在其他单位的欠费须到社保经办机构办理。全部人员一次补缴请使用<a href="{$path}/all">单位全部清欠</a>。</p>
    <form method="get" action="{$path}" class="form search">
      <table class="form-grid">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">q</xsl:with-param>
            <xsl:with-param name="value" select="/page/owing/@q"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <td class="buttons-cell"><button type="submit" class="btn">查询</button></td>
        </tr>
      </table>
    </form>
    <xsl:call-template name="other-errors"/>
    <form method="post" action="{$path}/compute" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{/page/form/@token}"/>
      <xsl:call-template name="owing"/>
      <p class="buttons center"><button type="submit" class="btn btn-primary" id="btn-compute">核定</button></p>
    </form>
    <xsl:call-template name="rule-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- 单位全部清欠. -->
  <xsl:template match="page[@view = 'all']" mode="content">
    <p class="note">单位全部清欠:本单位所有欠费人员的全部欠费月份、全部参保险种一次核定补缴(已在其他补缴业务中的欠费除外)。</p>
    <xsl:call-template name="other-errors"/>
    <form method="post" action="{$path}/compute" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{/page/form/@token}"/>
      <input type="hidden" name="all" value="1"/>
      <xsl:call-template name="owing"><xsl:with-param name="pick" select="false()"/></xsl:call-template>
      <p class="buttons center"><button type="submit" class="btn btn-primary" id="btn-compute">核定全部欠费</button></p>
    </form>
    <xsl:call-template name="rule-note"/>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- The computed table before 保存. -->
  <xsl:template match="page[@view = 'compute']" mode="content">
    <xsl:variable name="k" select="/page/compute"/>
    <xsl:call-template name="section"><xsl:with-param name="title">欠费补缴核定结果(未保存)</xsl:with-param></xsl:call-template>
    <p class="note">核定日期 <xsl:value-of select="$k/@on"/>,共 <xsl:value-of select="$k/@persons"/> 人、<xsl:value-of select="$k/@months"/> 人月。滞纳金计算至核定日期;保存后核定结果固定。</p>
    <xsl:call-template name="totals"><xsl:with-param name="node" select="$k"/></xsl:call-template>
    <xsl:call-template name="section"><xsl:with-param name="title">补缴明细</xsl:with-param>
      <xsl:with-param name="note"><xsl:if test="$k/@persons &gt; $k/@shown">(显示前 <xsl:value-of select="$k/@shown"/> 人,保存后可分页查看全部)</xsl:if></xsl:with-param></xsl:call-template>
    <xsl:call-template name="person-lines"><xsl:with-param name="persons" select="$k/person"/></xsl:call-template>
    <xsl:call-template name="rule-note"/>
    <form method="post" action="{$path}/save" class="form">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="token" value="{/page/form/@token}"/>
      <xsl:if test="/page/picked/@all = '1'"><input type="hidden" name="all" value="1"/></xsl:if>
      <xsl:for-each select="/page/picked/pid"><input type="hidden" name="pid" value="{@id}"/></xsl:for-each>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
        <xsl:text> </xsl:text>
        <a class="btn" href="{$path}">返回重新选择</a>
      </p>
    </form>
  </xsl:template>

  <!-- The receipts and 回退 of a 结束 补缴. -->
  <xsl:template name="after-approval">
    <xsl:if test="$task/@state = '结束' and $b/@pay-state != ''">
      <xsl:call-template name="section"><xsl:with-param name="title">补缴单及缴费</xsl:with-param></xsl:call-template>
      <table class="form-grid">
        <tr>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">缴费状态</xsl:with-param><xsl:with-param name="value" select="$b/@pay-state"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">税票号</xsl:with-param><xsl:with-param name="value" select="$b/@tax-no"/></xsl:call-template>
          <xsl:call-template name="show-cells"><xsl:with-param name="label">到帐金额(元)</xsl:with-param><xsl:with-param name="value" select="$b/@paid"/></xsl:call-template>
        </tr>
      </table>
      <xsl:choose>
        <xsl:when test="$b/@pay-state = '已回退'">
          <div class="msg msg-warn" role="status">该补缴已回退,欠费恢复为未缴,《单位社会保险费核定表》《社会保险费补缴明细表》已作废。</div>
        </xsl:when>
        <xsl:otherwise>
          <p class="actions">
            <a class="btn btn-primary" id="print-hd" href="/print/bujiao_hd?id={$task/@id}">打印《单位社会保险费核定表》</a>
            <xsl:text> </xsl:text>
            <a class="btn" id="print-mx" href="/print/bujiao_mx?id={$task/@id}">打印《社会保险费补缴明细表》</a>
            <xsl:text> </xsl:text>
            <a class="btn" href="{$path}/xlsx?id={$task/@id}&amp;kind=bujiao_hd">核定表(.xlsx)</a>
            <xsl:text> </xsl:text>
            <a class="btn" href="{$path}/xlsx?id={$task/@id}&amp;kind=bujiao_mx">明细表(.xlsx)</a>
          </p>
          <xsl:if test="$b/@pay-state = '待到帐'">
            <form method="post" action="{$path}/rollback" class="inline">
              <xsl:call-template name="csrf"/>
              <input type="hidden" name="id" value="{$task/@id}"/>
              <button type="submit" class="btn btn-danger" id="btn-rollback">欠费补缴回退</button>
              <span class="note">(缴费到帐确认前可回退:欠费恢复为未缴,补缴单作废)</span>
            </form>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The 补缴 of a task: totals and one page of persons with lines. -->
  <xsl:template name="bujiao-body">
    <xsl:call-template name="section"><xsl:with-param name="title">
      <xsl:choose><xsl:when test="$b/@scope = '全部'">单位全部清欠</xsl:when><xsl:otherwise>单位员工欠费补缴</xsl:otherwise></xsl:choose>
      <xsl:text>核定表(核定日期 </xsl:text><xsl:value-of select="$b/@computed-on"/><xsl:text>)</xsl:text>
    </xsl:with-param></xsl:call-template>
    <xsl:call-template name="totals"><xsl:with-param name="node" select="$b"/></xsl:call-template>
    <xsl:call-template name="section"><xsl:with-param name="title">补缴明细</xsl:with-param></xsl:call-template>
    <xsl:call-template name="person-lines"><xsl:with-param name="persons" select="$b/persons/person"/></xsl:call-template>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="$b/persons/@total"/>
      <xsl:with-param name="page" select="$b/persons/@page"/>
      <xsl:with-param name="size" select="$b/persons/@per-page"/>
      <xsl:with-param name="base-url" select="concat($path, '?id=', $task/@id, '&amp;')"/>
    </xsl:call-template>
    <xsl:call-template name="rule-note"/>
  </xsl:template>

  <!-- The task. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="after-approval"/>
    <xsl:call-template name="bujiao-body"/>
    <xsl:call-template name="materials"/>
    <xsl:call-template name="submit-cancel"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="{$path}">新建欠费补缴</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

  <!-- 生成欠费补缴单 / 欠费补缴回退: the unit's submitted 补缴. -->
  <xsl:template match="page[@view = 'bills']" mode="content">
    <xsl:variable name="l" select="/page/bills"/>
    <p class="note">审核通过的欠费补缴,可在此打印《单位社会保险费核定表》和《社会保险费补缴明细表》,持核定表到地税部门缴费,并将两表和税票原件及复印件带到辖区社保经办机构办理缴费到帐确认。未正常完成的,在税务部门开具税票前,必须通过「欠费补缴回退」取消该业务;到帐确认后不能回退。</p>
    <table class="grid bills">
      <thead><tr><th>业务顺序号</th><th>核定日期</th><th>人数</th><th>应缴总额(元)</th><th>业务状态</th><th>缴费状态</th><th>操作</th></tr></thead>
      <tbody>
        <xsl:for-each select="$l/task">
          <tr>
            <td class="mono"><a href="{$path}?id={@id}"><xsl:value-of select="@seq"/></a></td>
            <td><xsl:value-of select="bujiao/@computed-on"/></td>
            <td class="num"><xsl:value-of select="bujiao/@persons"/></td>
            <td class="num"><xsl:value-of select="bujiao/@total"/></td>
            <td><xsl:call-template name="state-badge"><xsl:with-param name="state" select="@state"/></xsl:call-template></td>
            <td><xsl:value-of select="bujiao/@pay-state"/></td>
            <td>
              <xsl:if test="@state = '结束' and bujiao/@pay-state != '已回退'">
                <a class="op" href="/print/bujiao_hd?id={@id}">核定表</a>
                <xsl:text> </xsl:text>
                <a class="op" href="/print/bujiao_mx?id={@id}">明细表</a>
                <xsl:text> </xsl:text>
                <a class="op" href="{$path}/xlsx?id={@id}&amp;kind=bujiao_hd">核定表.xlsx</a>
                <xsl:text> </xsl:text>
                <a class="op" href="{$path}/xlsx?id={@id}&amp;kind=bujiao_mx">明细表.xlsx</a>
              </xsl:if>
              <xsl:if test="bujiao/@pay-state = '待到帐'">
                <form method="post" action="{$path}/rollback" class="inline">
                  <xsl:call-template name="csrf"/>
                  <input type="hidden" name="id" value="{@id}"/>
                  <button type="submit" class="btn op btn-danger">欠费补缴回退</button>
                </form>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($l/task)"><xsl:call-template name="empty-row"><xsl:with-param name="cols">7</xsl:with-param></xsl:call-template></xsl:if>
      </tbody>
    </table>
    <p class="pager">
      <xsl:if test="$l/@page &gt; 1"><a class="op" href="{$path}/bills?page={$l/@page - 1}" rel="prev">上一页</a><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="$l/@more = '1'"><a class="op" href="{$path}/bills?page={$l/@page + 1}" rel="next">下一页</a></xsl:if>
    </p>
  </xsl:template>

  <!-- Reviewer: the 补缴 awaiting 到帐确认. -->
  <xsl:template match="page[@view = 'confirm-list']" mode="content">
    <xsl:variable name="a" select="/page/awaiting"/>
    <p class="note">单位持《单位社会保险费核定表》到税务机关缴费后,凭税票在此确认到帐;到帐金额须与核定表应缴总额一致,确认后欠费即核销。</p>
    <table class="grid awaiting">
      <thead><tr><th>业务顺序号</th><th>单位</th><th>核定日期</th><th>人数</th><th>应缴总额(元)</th><th>操作</th></tr></thead>
      <tbody>
        <xsl:for-each select="$a/task">
          <tr>
            <td class="mono"><xsl:value-of select="@seq"/></td>
            <td><xsl:value-of select="@unit"/></td>
            <td><xsl:value-of select="@computed-on"/></td>
            <td class="num"><xsl:value-of select="@persons"/></td>
            <td class="num"><xsl:value-of select="@total"/></td>
            <td><a class="op" href="/bujiao/confirm?id={@id}">到帐确认</a></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="not($a/task)"><xsl:call-template name="empty-row"><xsl:with-param name="cols">6</xsl:with-param></xsl:call-template></xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="pager">
      <xsl:with-param name="total" select="$a/@total"/>
      <xsl:with-param name="page" select="$a/@page"/>
      <xsl:with-param name="size" select="$a/@per-page"/>
      <xsl:with-param name="base-url">/bujiao/confirm?</xsl:with-param>
      <xsl:with-param name="unit">笔</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Reviewer: one 补缴 and the 到帐 form. -->
  <xsl:template match="page[@view = 'confirm']" mode="content">
    <xsl:variable name="p" select="/page/posted"/>
    <table class="form-grid task-status">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">业务顺序号</xsl:with-param><xsl:with-param name="value" select="$task/@seq"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">单位</xsl:with-param><xsl:with-param name="value" select="/page/unit/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">缴费状态</xsl:with-param><xsl:with-param name="value" select="$b/@pay-state"/></xsl:call-template>
      </tr>
    </table>
    <xsl:call-template name="totals"><xsl:with-param name="node" select="$b"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="$b/@pay-state = '待到帐'">
        <form method="post" action="/bujiao/confirm" class="form">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="id" value="{$task/@id}"/>
          <table class="form-grid">
            <tr>
              <xsl:call-template name="input-cells"><xsl:with-param name="label">税票号</xsl:with-param><xsl:with-param name="name">tax_no</xsl:with-param><xsl:with-param name="value" select="$p/@tax_no"/><xsl:with-param name="required" select="true()"/><xsl:with-param name="maxlength">40</xsl:with-param></xsl:call-template>
              <xsl:call-template name="input-cells"><xsl:with-param name="label">到帐金额(元)</xsl:with-param><xsl:with-param name="name">amount</xsl:with-param><xsl:with-param name="value" select="$p/@amount"/><xsl:with-param name="required" select="true()"/></xsl:call-template>
              <xsl:call-template name="input-cells"><xsl:with-param name="label">缴费日期</xsl:with-param><xsl:with-param name="name">paid_on</xsl:with-param><xsl:with-param name="value" select="$p/@paid_on"/><xsl:with-param name="required" select="true()"/></xsl:call-template>
            </tr>
          </table>
          <p class="buttons center"><button type="submit" class="btn btn-primary" id="btn-confirm">确认到帐</button></p>
        </form>
      </xsl:when>
      <xsl:when test="$b/@pay-state = '已到帐'">
        <p class="note">已于 <xsl:value-of select="$b/@paid-on"/> 到帐,税票号 <xsl:value-of select="$b/@tax-no"/>,金额 <xsl:value-of select="$b/@paid"/> 元。</p>
      </xsl:when>
    </xsl:choose>
    <xsl:call-template name="section"><xsl:with-param name="title">补缴明细</xsl:with-param></xsl:call-template>
    <xsl:call-template name="person-lines"><xsl:with-param name="persons" select="$b/persons/person"/></xsl:call-template>
    <p class="actions"><a class="btn" href="/bujiao/confirm">返回待确认列表</a></p>
  </xsl:template>

</xsl:stylesheet>
