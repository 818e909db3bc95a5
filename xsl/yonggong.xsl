<?xml version="1.0" encoding="UTF-8"?>
<!--
  yonggong.xsl: 用工备案 (category jiuye).  Views:
    form          the form (人员基本信息, 用工信息, 劳动合同, 上传附件),
                  editable (新建 or 未提交)
    task          a submitted, finished or withdrawn 用工备案, read-only
    batch         批量用工备案: template and upload
    batch-result  one batch: rows, failed rows, materials, submit/退单
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="task.xsl"/>

  <xsl:variable name="y" select="/page/yonggong"/>

  <!-- The 用工备案及时率 figure and the 30-day rule. -->
  <xsl:template name="timeliness">
    <xsl:variable name="tl" select="/page/timeliness"/>
    <xsl:if test="$tl">
      <p class="note timeliness">
        <xsl:text>本单位用工备案及时率(用工之日起</xsl:text>
        <xsl:value-of select="$tl/@days"/>
        <xsl:text>日内备案): </xsl:text>
        <xsl:choose>
          <xsl:when test="$tl/@total = 0">尚无网上用工备案,暂无及时率</xsl:when>
          <xsl:otherwise>
            <strong class="rate"><xsl:value-of select="$tl/@rate"/></strong>
            <xsl:text>(按时 </xsl:text><xsl:value-of select="$tl/@on-time"/>
            <xsl:text> 人 / 共 </xsl:text><xsl:value-of select="$tl/@total"/>
            <xsl:text> 人</xsl:text>
            <xsl:if test="$tl/@overdue &gt; 0">,逾期 <span class="badge badge-overdue"><xsl:value-of select="$tl/@overdue"/></span> 人</xsl:if>
            <xsl:text>)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The warning of a late registration: accepted, flagged 逾期. -->
  <xsl:template name="late-warning">
    <xsl:if test="$y/@late = '1'">
      <div role="alert" class="msg msg-warn late-warning">
        <xsl:text>用工之日(</xsl:text><xsl:value-of select="$y/@hire-date"/>
        <xsl:text>)起已超过30日,本次备案将标记为</xsl:text>
        <span class="badge badge-overdue">逾期</span>
        <xsl:text>并计入本单位用工备案及时率。请今后在用工之日起30日内办理。</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A checkbox with its label, checked when $on = '1'. -->
  <xsl:template name="checkbox">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="on"/>
    <label class="check">
      <input type="checkbox" name="{$name}" value="1" id="f-{$name}">
        <xsl:if test="$on = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <xsl:text> </xsl:text><xsl:value-of select="$label"/>
    </label>
    <xsl:call-template name="field-errors"><xsl:with-param name="name" select="$name"/></xsl:call-template>
  </xsl:template>

  <!-- The editable form. -->
  <xsl:template match="page[@view = 'form']" mode="content">
    <xsl:call-template name="timeliness"/>
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="late-warning"/>
    <xsl:call-template name="required-note"/>
    <form method="post" action="/yonggong/save" class="form yonggong-form">
      <xsl:call-template name="csrf"/>
      <xsl:if test="$task"><input type="hidden" name="id" value="{$task/@id}"/></xsl:if>
      <xsl:if test="not($task) and form/@token"><input type="hidden" name="token" value="{form/@token}"/></xsl:if>

      <xsl:call-template name="section"><xsl:with-param name="title">人员基本信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">姓名</xsl:with-param>
            <xsl:with-param name="name">name</xsl:with-param>
            <xsl:with-param name="value" select="$y/@name"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">身份证号</xsl:with-param>
            <xsl:with-param name="name">sfzh</xsl:with-param>
            <xsl:with-param name="value" select="$y/@sfzh"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">18</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">性别</xsl:with-param>
            <xsl:with-param name="name">sex</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'sex']"/>
            <xsl:with-param name="current" select="$y/@sex"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">出生日期</xsl:with-param>
            <xsl:with-param name="name">birth</xsl:with-param>
            <xsl:with-param name="value" select="$y/@birth"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">户籍类型</xsl:with-param>
            <xsl:with-param name="name">hukou_type</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'hukou_type']"/>
            <xsl:with-param name="current" select="$y/@hukou-type"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">联系电话</xsl:with-param>
            <xsl:with-param name="name">phone</xsl:with-param>
            <xsl:with-param name="value" select="$y/@phone"/>
            <xsl:with-param name="type">tel</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">20</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">文化程度</xsl:with-param>
            <xsl:with-param name="name">education</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'education']"/>
            <xsl:with-param name="current" select="$y/@education"/>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">性别、出生日期须与身份证号一致;已在本系统登记过的人员,姓名须与登记信息一致。</p>

      <xsl:call-template name="section"><xsl:with-param name="title">用工信息</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">用工形式</xsl:with-param>
            <xsl:with-param name="name">work_form</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'work_form']"/>
            <xsl:with-param name="current" select="$y/@work-form"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="select-cells">
            <xsl:with-param name="label">用工范围</xsl:with-param>
            <xsl:with-param name="name">category</xsl:with-param>
            <xsl:with-param name="options" select="options[@name = 'category']"/>
            <xsl:with-param name="current" select="$y/@category"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">用工之日</xsl:with-param>
            <xsl:with-param name="name">hire_date</xsl:with-param>
            <xsl:with-param name="value" select="$y/@hire-date"/>
            <xsl:with-param name="type">date</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">全日制用工同一时间只能在一个单位备案,非全日制用工可在多个单位备案。须在用工之日起30日内备案,逾期备案将标记为<span class="badge badge-overdue">逾期</span>;不得招用未满16周岁的未成年人。</p>

      <xsl:call-template name="section"><xsl:with-param name="title">劳动合同</xsl:with-param></xsl:call-template>
      <table class="form-grid grid3">
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同编号</xsl:with-param>
            <xsl:with-param name="name">contract_no</xsl:with-param>
            <xsl:with-param name="value" select="$y/@contract-no"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">40</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同起始日期</xsl:with-param>
            <xsl:with-param name="name">contract_start</xsl:with-param>
            <xsl:with-param name="value" select="$y/@contract-start"/>
            <xsl:with-param name="type">date</xsl:with-param>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">合同终止日期</xsl:with-param>
            <xsl:with-param name="name">contract_end</xsl:with-param>
            <xsl:with-param name="value" select="$y/@contract-end"/>
            <xsl:with-param name="type">date</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <th>合同期限</th>
          <td>
            <xsl:call-template name="checkbox">
              <xsl:with-param name="name">open_ended</xsl:with-param>
              <xsl:with-param name="label">无固定期限</xsl:with-param>
              <xsl:with-param name="on" select="$y/@open-ended"/>
            </xsl:call-template>
          </td>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">岗位</xsl:with-param>
            <xsl:with-param name="name">post</xsl:with-param>
            <xsl:with-param name="value" select="$y/@post"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">工种</xsl:with-param>
            <xsl:with-param name="name">job_type</xsl:with-param>
            <xsl:with-param name="value" select="$y/@job-type"/>
            <xsl:with-param name="maxlength">30</xsl:with-param>
          </xsl:call-template>
        </tr>
        <tr>
          <xsl:call-template name="input-cells">
            <xsl:with-param name="label">月工资(元)</xsl:with-param>
            <xsl:with-param name="name">wage</xsl:with-param>
            <xsl:with-param name="value" select="$y/@wage"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength">12</xsl:with-param>
          </xsl:call-template>
        </tr>
      </table>
      <p class="hint">合同编号须唯一;无固定期限合同请勾选“无固定期限”,不填终止日期;合同终止日期不能早于起始日期。</p>
      <p class="buttons center">
        <button type="submit" class="btn btn-primary" id="btn-save">保存</button>
      </p>
    </form>

    <xsl:call-template name="yg-materials"/>
    <xsl:if test="$task">
      <xsl:call-template name="submit-cancel"/>
    </xsl:if>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- The 上传附件 section: the 劳动合同 scan. -->
  <xsl:template name="yg-materials">
    <xsl:call-template name="materials">
      <xsl:with-param name="intro">
        <xsl:choose>
          <xsl:when test="/page/materials/@batch = '1'">
            <p class="note" id="batch-materials-note">批量用工备案按批次提交材料:上传一个包含本批全部人员劳动合同的文件(可将多份合同合并扫描为一个PDF),无需每人一份。</p>
          </xsl:when>
          <xsl:otherwise>
            <p class="note">请上传该职工劳动合同的扫描件(PDF或JPG)。</p>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The unit's recent 用工备案 tasks. -->
  <xsl:template name="recent">
    <xsl:if test="/page/recent">
      <xsl:call-template name="section"><xsl:with-param name="title">本单位用工备案业务</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="/page/recent/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A read-only 用工备案. -->
  <xsl:template match="page[@view = 'task']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:if test="$task/@state = '结束'">
      <div class="msg msg-ok reminders">
        <p><strong>业务已办结,</strong>该职工就业状态为“在职”。</p>
        <p class="actions">
          <a class="btn btn-primary" id="btn-print" href="/print/yonggong?id={$task/@id}">打印《用工备案表》</a>
          <xsl:text> </xsl:text>
          <a class="btn" id="go-beian" href="/beian?idno={$y/@sfzh}">在备案查询中查看</a>
        </p>
      </div>
    </xsl:if>
    <xsl:call-template name="task-state-note"/>
    <xsl:if test="$y/@late = '1'">
      <p class="note"><span class="badge badge-overdue">逾期</span> 用工之日起超过30日备案。</p>
    </xsl:if>
    <xsl:call-template name="section"><xsl:with-param name="title">用工备案信息</xsl:with-param></xsl:call-template>
    <table class="form-grid grid3 readonly-table">
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">姓名</xsl:with-param><xsl:with-param name="value" select="$y/@name"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">身份证号</xsl:with-param><xsl:with-param name="value" select="$y/@sfzh"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">性别</xsl:with-param><xsl:with-param name="value" select="$y/@sex"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">出生日期</xsl:with-param><xsl:with-param name="value" select="$y/@birth"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">户籍类型</xsl:with-param><xsl:with-param name="value" select="$y/@hukou-type"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">联系电话</xsl:with-param><xsl:with-param name="value" select="$y/@phone"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">文化程度</xsl:with-param><xsl:with-param name="value" select="$y/@education"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工形式</xsl:with-param><xsl:with-param name="value" select="$y/@work-form"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工范围</xsl:with-param><xsl:with-param name="value" select="$y/@category"/></xsl:call-template>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">用工之日</xsl:with-param><xsl:with-param name="value" select="$y/@hire-date"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">合同编号</xsl:with-param><xsl:with-param name="value" select="$y/@contract-no"/></xsl:call-template>
        <th>合同期限</th>
        <td class="readonly">
          <xsl:choose>
            <xsl:when test="$y/@open-ended = '1'">无固定期限(自 <xsl:value-of select="$y/@contract-start"/> 起)</xsl:when>
            <xsl:otherwise><xsl:value-of select="$y/@contract-start"/> 至 <xsl:value-of select="$y/@contract-end"/></xsl:otherwise>
          </xsl:choose>
        </td>
      </tr>
      <tr>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">岗位</xsl:with-param><xsl:with-param name="value" select="$y/@post"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">工种</xsl:with-param><xsl:with-param name="value" select="$y/@job-type"/></xsl:call-template>
        <xsl:call-template name="show-cells"><xsl:with-param name="label">月工资(元)</xsl:with-param><xsl:with-param name="value" select="$y/@wage"/></xsl:call-template>
      </tr>
    </table>
    <xsl:call-template name="yg-materials"/>
    <xsl:call-template name="history"/>
    <p class="actions"><a class="btn" href="/yonggong">新建用工备案</a><xsl:text> </xsl:text><a class="btn" href="/home">返回首页</a></p>
  </xsl:template>

  <!-- 批量用工备案: the template and the upload. -->
  <xsl:template match="page[@view = 'batch']" mode="content">
    <xsl:call-template name="timeliness"/>
    <xsl:call-template name="section"><xsl:with-param name="title">批量用工备案</xsl:with-param></xsl:call-template>
    <ol class="steps">
      <li>下载模板(见下方“模板下载”)。</li>
      <li>按模板填写(每行一名职工;列:<xsl:for-each select="columns/column"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>)。用工形式须为:<xsl:for-each select="options[@name = 'work_form']/option"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>;用工范围须为:<xsl:for-each select="options[@name = 'category']/option"><xsl:if test="position() != 1">、</xsl:if><xsl:value-of select="."/></xsl:for-each>;无固定期限合同在“合同终止日期”列填“无固定期限”。模板第2行是示例(第一格以“示例:”开头),导入时自动跳过,可保留;有下拉箭头的列请从下拉列表中选择。</li>
      <li>上传填写好的文件;系统按与单笔用工备案相同的规则逐行校验,校验失败的行可下载失败列表。</li>
      <li>在导入结果页上传本批劳动合同,删除不需要的行,然后提交审批或退单。</li>
    </ol>
    <xsl:call-template name="batch-upload"><xsl:with-param name="label">批量用工备案文件(.xlsx)</xsl:with-param></xsl:call-template>
    <xsl:call-template name="recent"/>
  </xsl:template>

  <!-- One batch: rows, failed rows, materials, submit or 退单. -->
  <xsl:template match="page[@view = 'batch-result']" mode="content">
    <xsl:call-template name="task-status"/>
    <xsl:call-template name="task-state-note"/>
    <xsl:call-template name="batch-counts"/>
    <xsl:call-template name="section"><xsl:with-param name="title">本批用工备案人员</xsl:with-param></xsl:call-template>
    <table class="grid batch-rows">
      <thead>
        <tr><th>行号</th><th>姓名</th><th>身份证号</th><th>用工形式</th><th>用工范围</th><th>合同编号</th><th>用工之日</th>
          <xsl:if test="$editable"><th>操作</th></xsl:if>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="rows/row">
          <tr>
            <td><xsl:value-of select="@no"/></td>
            <td>
              <xsl:value-of select="@name"/>
              <xsl:if test="@late = '1'"><xsl:text> </xsl:text><span class="badge badge-overdue">逾期</span></xsl:if>
            </td>
            <td class="mono"><xsl:value-of select="@idno"/></td>
            <td><xsl:value-of select="@work-form"/></td>
            <td><xsl:value-of select="@category"/></td>
            <td class="mono"><xsl:value-of select="@contract-no"/></td>
            <td><xsl:value-of select="@hire-date"/></td>
            <xsl:if test="$editable">
              <td class="ops">
                <xsl:call-template name="row-delete"><xsl:with-param name="row" select="@no"/></xsl:call-template>
              </td>
            </xsl:if>
          </tr>
        </xsl:for-each>
        <xsl:if test="not(rows/row)">
          <xsl:call-template name="empty-row"><xsl:with-param name="cols">8</xsl:with-param></xsl:call-template>
        </xsl:if>
      </tbody>
    </table>
    <xsl:call-template name="yg-materials"/>
    <xsl:call-template name="submit-cancel"/>
    <xsl:if test="$task/@state = '结束'">
      <p class="actions"><a class="btn btn-primary" href="/print/yonggong?id={$task/@id}">打印《用工备案表》</a></p>
    </xsl:if>
    <xsl:call-template name="history"/>
  </xsl:template>

</xsl:stylesheet>
